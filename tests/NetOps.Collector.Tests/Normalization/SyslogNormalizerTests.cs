using NetOps.Collector.Normalization;
using NetOps.Core.Events;
using static NetOps.Collector.Tests.Normalization.TestRecords;

namespace NetOps.Collector.Tests.Normalization;

public sealed class SyslogNormalizerTests
{
    private readonly SyslogNormalizer _normalizer = new();

    [Theory]
    [InlineData("cisco-ios.log")]
    [InlineData("juniper.log")]
    [InlineData("fortigate.log")]
    [InlineData("paloalto.log")]
    [InlineData("rfc5424.log")]
    [InlineData("rfc3164.log")]
    public void Every_line_of_every_file_normalises_to_a_message(string file)
    {
        foreach (var line in AllLines(file))
        {
            var r = _normalizer.Normalize(FromLine(line));
            Assert.NotNull(r.Message);
            Assert.False(r.Faulted, line);
            Assert.NotNull(r.Message.Vendor);
            // A vendor's summary is clipped; a line nobody knows is kept whole (the field limit applies when stored).
            Assert.True(r.Message.Vendor == GenericNormalizer.VendorName || r.Message.Message.Length <= 200);
        }
    }

    [Theory]
    [InlineData("fortigate.log", FortiGateNormalizer.VendorName)]
    [InlineData("paloalto.log", PaloAltoNormalizer.VendorName)]
    public void Every_line_of_a_single_vendor_file_is_recognised_as_that_vendor(string file, string vendor)
    {
        foreach (var line in AllLines(file))
        {
            var r = _normalizer.Normalize(FromLine(line));
            Assert.True(r.Recognised, line);
            Assert.Equal(vendor, r.Message.Vendor);
        }
    }

    [Fact]
    public void Cisco_lines_with_a_mnemonic_are_detected_as_cisco_without_a_hint()
    {
        foreach (var line in AllLines("cisco-ios.log").Where(l => l.Contains('%')))
            Assert.Equal(CiscoIosNormalizer.VendorName, _normalizer.Normalize(FromLine(line)).Message.Vendor);
    }

    [Fact]
    public void Cisco_lines_without_a_mnemonic_fall_back_to_generic_and_count_as_unknown()
    {
        var r = _normalizer.Normalize(From("cisco-ios.log", 143));
        Assert.False(r.Recognised);
        Assert.Equal(GenericNormalizer.VendorName, r.Message.Vendor);
        Assert.Equal(EventKind.Generic, r.Message.Kind);
        Assert.Contains("NTP Core", r.Message.Message);
    }

    [Theory]
    [InlineData(33, JuniperNormalizer.VendorName, EventKind.LinkDown)]
    [InlineData(128, JuniperNormalizer.VendorName, EventKind.Generic)] // checked below: firewall deny
    [InlineData(148, JuniperNormalizer.VendorName, EventKind.LinkDown)]
    public void Junos_lines_are_detected_by_tag_without_a_hint(int line, string vendor, EventKind kind)
    {
        var r = _normalizer.Normalize(From("juniper.log", line));
        Assert.True(r.Recognised);
        Assert.Equal(vendor, r.Message.Vendor);
        if (r.Message.Type == NormalizedType.Event) Assert.Equal(kind, r.Message.Kind);
        else Assert.Equal(FirewallAction.Deny, r.Message.Action);
    }

    [Fact]
    public void Vendor_hint_is_tried_first_and_unlocks_untagged_forms()
    {
        var hinted = _normalizer.Normalize(From("juniper.log", 113, "juniper"));
        Assert.True(hinted.Recognised);
        Assert.Equal(EventKind.AuthFail, hinted.Message.Kind);

        var unhinted = _normalizer.Normalize(From("juniper.log", 113));
        Assert.False(unhinted.Recognised);
        Assert.Equal(GenericNormalizer.VendorName, unhinted.Message.Vendor);
    }

    [Fact]
    public void Wrong_vendor_hint_still_finds_the_right_vendor()
    {
        var r = _normalizer.Normalize(From("fortigate.log", 18, "cisco"));
        Assert.True(r.Recognised);
        Assert.Equal(FortiGateNormalizer.VendorName, r.Message.Vendor);
        Assert.Equal(NormalizedType.Firewall, r.Message.Type);
    }

    [Fact]
    public void Yamaha_lines_are_detected_by_their_forms()
    {
        // Constructed from Yamaha's documented RTX filter log form.
        var r = _normalizer.Normalize(FromLine("<14>PP[01] Rejected at IN(2000) filter: TCP 192.0.2.1:40980 > 198.51.100.2:80"));
        Assert.True(r.Recognised);
        Assert.Equal(YamahaRtxNormalizer.VendorName, r.Message.Vendor);
    }

    [Fact]
    public void Generic_fallback_keeps_the_whole_line()
    {
        var text = new string('x', 150) + " " + new string('y', 150);
        var r = _normalizer.Normalize(new SyslogRecord { Message = text });
        Assert.False(r.Recognised);
        Assert.Equal(text, r.Message.Message);
    }

    [Fact]
    public void Empty_message_uses_the_structured_data_for_the_generic_text()
    {
        var r = _normalizer.Normalize(FromLine(Line("rfc5424.log", 4)));
        Assert.False(r.Recognised);
        Assert.StartsWith("[exampleSDID@32473", r.Message.Message);
    }

    [Fact]
    public void A_normaliser_that_throws_is_caught_counted_and_the_line_kept_as_generic()
    {
        var n = new SyslogNormalizer([new ThrowingNormalizer(), new CiscoIosNormalizer()]);
        var r = n.Normalize(new SyslogRecord { Message = "nothing vendor-like here" });
        Assert.False(r.Recognised);
        Assert.True(r.Faulted);
        Assert.Equal("broken", r.FaultedNormalizer);
        Assert.Equal("nothing vendor-like here", r.Message.Message);

        var cisco = n.Normalize(new SyslogRecord { Message = "%LINK-3-UPDOWN: Interface Gi0/1, changed state to down" });
        Assert.True(cisco.Recognised);
        Assert.True(cisco.Faulted);
        Assert.Equal(EventKind.LinkDown, cisco.Message.Kind);
    }

    private sealed class ThrowingNormalizer : IVendorNormalizer
    {
        public string Vendor => "broken";

        public bool TryNormalize(SyslogRecord record, out NormalizedMessage? result) => throw new InvalidOperationException("bug");
    }
}
