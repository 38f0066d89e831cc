using NetOps.Collector.Syslog;
using static NetOps.Collector.Tests.Syslog.SyslogTestData;

namespace NetOps.Collector.Tests.Syslog;

/// <summary>Received 2025-06-15 12:00 UTC, so year-less stamps after mid-July fall into 2024.</summary>
public sealed class Rfc3164ParserTests
{
    // format|pri|version|timestamp (UTC)|host|app|procid|msgid|sd|message
    public static TheoryData<int, string> Rfc3164Lines => new()
    {
        { 1, "Rfc3164|34|0|2024-10-11T22:14:15.0000000+00:00|mymachine|su||||'su root' failed for lonvick on /dev/pts/8" },
        { 2, "NoHeader|-1|0|-||||||Use the BFG!" },
        { 3, "Rfc3164|13|0|2025-02-05T17:32:18.0000000+00:00|10.0.0.99|||||Use the BFG!" },
        { 4, "Rfc3164|165|0|1987-08-24T11:34:00.0000000+00:00|mymachine|myproc|10|||%% It's time to make the do-nuts.  %%  Ingredients: Mix=OK, Jelly=OK # Devices: Mixer=OK, Jelly_Injector=OK, Frier=OK # Transport: Conveyer1=OK, Conveyer2=OK # %%" },
        { 5, "Rfc3164|0|0|1990-10-22T16:52:01.0000000+00:00|scapegoat.dmz.example.org|||||10.1.2.3 sched[0]: That's All Folks!" },
        { 6, "Rfc3164|0|0|2024-10-22T10:52:12.0000000+00:00|scapegoat|||||1990 Oct 22 10:52:01 TZ-6 scapegoat.dmz.example.org 10.1.2.3 sched[0]: That's All Folks!" },
        { 7, "Rfc3164|34|0|2024-10-11T22:14:15.0000000+00:00|mymachine|su||||'su root' failed for lonvick on /dev/pts/8" },
        { 8, "Rfc3164|-1|0|2024-10-11T22:14:15.0000000+00:00|host.example|app|123|||legacy message without PRI" },
        { 9, "Rfc3164|13|0|2026-07-23T07:30:45.1230000+00:00|host|daemon||||timestamp variant" },
        { 10, "NoHeader|0|0|-||||||x" },
        { 11, "Rfc3164|13|0|2024-12-02T16:31:03.0000000+00:00|host|app||||Test" },
    };

    [Theory]
    [MemberData(nameof(Rfc3164Lines))]
    public void Each_line_of_rfc3164_log_yields_its_header_fields(int line, string expected)
    {
        var data = Line("rfc3164.log", line);
        Assert.Equal(expected, Describe(data, Parse(data)));
    }

    // The header variants INDEX.md lists for cisco-ios.log, one case each.
    public static TheoryData<int, string, string> CiscoVariants => new()
    {
        { 1, "asterisk for an unsynchronised clock, sequence number and origin host", "Rfc3164|189|0|2024-11-14T08:30:56.6990000+00:00|router1|||||%LINK-5-CHANGED: Interface GigabitEthernet2, changed state to administratively down" },
        { 2, "zone name MEST", "Rfc3164|189|0|2025-05-31T13:25:53.7430000+00:00|NetAuto_CSRv-03|||||%LINK-5-CHANGED: Interface GigabitEthernet2, changed state to administratively down from 10.83.75.201" },
        { 11, "bare mnemonic without PRI or header", "NoHeader|-1|0|-||||||%PM-4-ERR_DISABLE: gbic-invalid error detected on Gi0/1, putting Gi0/1 in err-disable state" },
        { 92, "BSD relay header then mnemonic", "Rfc3164|-1|0|2024-09-01T10:25:29.0000000+00:00|10.10.10.1|||||%IPS-4-SIGNATURE: Sig:3051 Subsig:1 Sev:4 TCP Connection Window Size DoS [192.168.100.11:51654 -> 10.10.10.10:4444]" },
        { 97, "lower-case zone gmt after a fraction", "Rfc3164|-1|0|2024-10-06T03:32:04.1140000+00:00||||||%SEC-6-IPACCESSLOGP: list bcv_out denied tcp 10.0.3.100(50150) -> 192.168.216.1(443), 1 packet" },
        { 99, "zone AEST", "Rfc3164|-1|0|2024-08-17T07:41:24.7760000+00:00||||||%SEC-6-IPACCESSLOGP: list 102 denied tcp 10.0.6.56(3067) -> 172.36.4.7(139), 1 packet" },
        { 103, "Wazuh agent prefix with a year-first timestamp", "Rfc3164|-1|0|2019-05-06T09:28:12.0000000+00:00||||||vm-ubuntu16->10.0.0.16 May 6 07:28:11 vm-ubuntu16 fortinet Apr 30 15:10:58: %DOT1X-5-FAIL: Authentication failed for client (Unknown MAC) on Interface Fa0/3 AuditSessionID" },
        { 107, "uptime stamp hh:mm:ss instead of a timestamp", "Rfc3164|-1|0|-||||||%LINK-3-UPDOWN: Interface Port-channel1, changed state to up" },
        { 109, "relay header before the device's sequence number", "Rfc3164|-1|0|2025-02-08T04:00:48.0000000+00:00|192.168.100.2|||||585917: Feb  8 04:00:47.272: %SEC-6-IPACCESSLOGRP: list 177 denied igmp 192.168.100.197 -> 224.0.0.22, 1 packet" },
        { 136, "two sequence numbers around the origin and zone CEST", "Rfc3164|174|0|2025-06-26T14:44:58.8020000+00:00|BGP-BETA|||||%FMANFP-6-IPACCESSLOGP: F0/0: fman_fp_image: list acl_Te0-1-1_in denied tcp 00-00-5E-00-53-23 198.51.100.10(56279) TenGigabitEthernet0/1/1-> 203.0.113.2" },
        { 137, "year between day and time", "Rfc3164|189|0|2022-01-06T20:52:12.8610000+00:00||||||%SYS-5-CONFIG_I: Configured from console by akroh on vty0 (10.100.11.10)" },
        { 138, "empty origin", "Rfc3164|189|0|2022-01-06T20:54:26.9610000+00:00||||||%SYS-5-CONFIG_I: Configured from console by akroh on vty0 (10.100.11.10)" },
        { 140, "empty origin then a host", "Rfc3164|189|0|2022-01-06T21:01:34.9640000+00:00|sw01|||||%SYS-5-CONFIG_I: Configured from console by akroh on vty0 (10.100.11.10)" },
        { 141, "zone UTC+1", "Rfc3164|189|0|2025-05-06T15:13:09.1230000+00:00|host-01|||||%DOT1X-5-FAIL: Authentication failed for client (001e.0b80.13b5) on Interface Gi1/0/16 AuditSessionID 000000000000011D51B826E5" },
        { 142, "zone UTC+07:30", "Rfc3164|189|0|2025-05-06T08:43:09.1230000+00:00|host-01|||||%DOT1X-5-FAIL: Authentication failed for client (001e.0b80.13b5) on Interface Gi1/0/16 AuditSessionID 000000000000011D51B826E5" },
        { 143, "message without a mnemonic", "Rfc3164|191|0|2024-08-18T05:15:04.4610000+00:00|rt401-rk30409|||||NTP Core (NOTICE): Clock synchronization lost." },
        { 146, "two sequence numbers, year and lower-case zone mdt", "Rfc3164|190|0|2023-08-12T18:14:24.4120000+00:00||||||%IOSXE-6-PLATFORM: R0/0: cpp_cp: QFP:0.0 Thread:001 TS:00013807766185951588 %FW-6-SESS_AUDIT_TRAIL: (target:class) (ZP_PROCESS_TO_CORPORATE:CM_PROCESS_TO_CORPORATE)" },
        { 152, "RFC 3339 timestamp in a BSD header", "Rfc3164|189|0|2024-10-11T15:15:31.2083210+00:00|TestDevice|||||%LINEPROTO-5-UPDOWN: Line protocol on Interface TenGigabitEthernet1/0/1, changed state to up" },
        { 155, "IOS-XR node name as tag", "Rfc3164|190|0|2024-10-07T07:19:44.0000000+00:00|internet-primary-mgmt|RP/0/RP0/CPU0||||Oct 7 07:19:43.630 UTC: ipv4_acl_mgr[310]: %ACL-IPV4_ACL-6-IPACCESSLOGP : access-list outgoing-to-VCS-GW deny tcp 89.160.20.128(39527) -> 89.160.20.128(1830)" },
        { 157, "uptime stamp 2y10w", "Rfc3164|165|0|-|ASR920|||||%SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: username] [Source: 192.168.0.1] [localport: 22] at 07:57:58 VIENNA Thu Jan 27 2022" },
        { 164, "host without colon between sequence numbers", "Rfc3164|190|0|2023-07-14T08:23:43.3980000+00:00|192.168.100.2|||||%FOO-6-BAR: Test header format" },
        { 165, "IPv6 origin followed by a colon", "Rfc3164|190|0|2023-07-14T08:23:43.3980000+00:00|2a02:cf40::|||||%FOO-6-BAR: Test header format" },
        { 169, "origin without sequence number", "Rfc3164|190|0|2023-07-14T08:23:43.3980000+00:00|sw01|||||%FOO-6-BAR: Test header format" },
        { 173, "timestamp right after the PRI", "Rfc3164|190|0|2023-07-14T08:23:43.3980000+00:00||||||%FOO-6-BAR: Test header format" },
        { 174, "asterisk right after the PRI", "Rfc3164|190|0|2023-07-14T08:23:43.3980000+00:00||||||%FOO-6-BAR: Test header format" },
        { 177, "header without PRI", "Rfc3164|-1|0|2025-07-13T08:23:43.0000000+00:00|192.168.100.2|||||585917: Jul 14 2023 08:23:43 UTC: %FOO-6-BAR: Test header format" },
    };

    [Theory]
    [MemberData(nameof(CiscoVariants))]
    public void Cisco_header_variant_is_parsed(int line, string variant, string expected)
    {
        var data = Line("cisco-ios.log", line);
        Assert.True(variant.Length > 0);
        var actual = Describe(data, Parse(data));
        Assert.StartsWith(expected, actual); // long messages are given by their beginning
    }

    public static TheoryData<int, string> JuniperVariants => new()
    {
        { 1, "Rfc3164|172|0|2020-03-31T08:41:59.0000000+00:00|some-router|rpd|13037|||BGP_CEASE_PREFIX_LIMIT_EXCEEDED: 172.17.17.1 (External AS 4208010101): Shutting down peer due to exceeding configured maximum prefix-limit" },
        { 5, "Rfc3164|4|0|2020-03-31T08:41:59.0000000+00:00|vmx01|/kernel||||tcp_auth_ok: Packet from 192.168.140.254:61664 wrong MD5 digest" },
        { 9, "Rfc3164|28|0|2025-06-21T14:03:12.0000000+00:00|vmx01|rpd|2902|||RPD_BGP_NEIGHBOR_STATE_CHANGED: BGP peer 1.1.1.1 (External AS 2222) changed state from Active to Connect (event TransportError) (instance master)" },
        { 32, "Rfc3164|7|0|2024-12-10T00:00:01.0000000+00:00|some-switch|||||fpc0 (buf alloc) failed allocating packet buffer" },
        { 43, "Rfc3164|14|0|2024-12-13T13:12:00.0000000+00:00|srx-firewall|RT_FLOW||||RT_FLOW_SESSION_CLOSE: session closed idle Timeout: 172.16.0.1/23456->8.8.8.8/443 junos-https 172.16.0.2/12345->8.8.8.8/443 source rule LAN N/A N/A 6" },
        { 66, "NoHeader|-1|0|-||||||craftd[920]: Major alarm set, FPC 0 Fan 2 not spinning" },
        { 71, "Rfc3164|-1|0|2024-07-21T08:04:55.0000000+00:00||mgd|1106|||UI_DBASE_LOGIN_EVENT: User 'noc' entering configuration mode" },
        { 124, "NoHeader|-1|0|-||||||UI_CHILD_START" },
    };

    [Theory]
    [MemberData(nameof(JuniperVariants))]
    public void Juniper_bsd_variant_is_parsed(int line, string expected)
    {
        var data = Line("juniper.log", line);
        var actual = Describe(data, Parse(data));
        Assert.StartsWith(expected, actual); // long messages are given by their beginning
    }

    [Theory]
    [InlineData("<13> [INSPECT] LAN2[out][200102] TCP 1.2.3.4:40980 > 5.6.7.8:80 (2012/06/19 10:10:44)", 13, "[INSPECT] LAN2[out][200102] TCP 1.2.3.4:40980 > 5.6.7.8:80 (2012/06/19 10:10:44)")]
    [InlineData("<14>PP[01] Rejected at IN(2000) filter: TCP 1.2.3.4:5 > 6.7.8.9:10", 14, "PP[01] Rejected at IN(2000) filter: TCP 1.2.3.4:5 > 6.7.8.9:10")]
    [InlineData("<14>[INSPECT] PP[01][out][101] TCP 1.2.3.4:1 > 5.6.7.8:80 (2012/06/19 10:10:44)", 14, "[INSPECT] PP[01][out][101] TCP 1.2.3.4:1 > 5.6.7.8:80 (2012/06/19 10:10:44)")]
    [InlineData("<189>date=2019-05-10 time=11:37:47 logid=\"0000000013\" type=\"traffic\" subtype=\"forward\"", 189, "date=2019-05-10 time=11:37:47 logid=\"0000000013\" type=\"traffic\" subtype=\"forward\"")]
    public void Yamaha_and_fortigate_send_text_right_after_the_pri_which_is_no_header(string line, int priority, string text)
    {
        var data = System.Text.Encoding.UTF8.GetBytes(line);
        var m = Parse(data);
        Assert.Equal(SyslogFormat.NoHeader, m.Format);
        Assert.Equal(priority, m.Priority);
        Assert.Null(m.Timestamp);
        Assert.Equal("", Text(data, m.Hostname));
        Assert.Equal(text, Text(data, m.Message));
    }

    [Fact]
    public void Fortigate_lines_from_the_shared_file_are_no_header_with_the_key_values_as_message()
    {
        var data = Line("fortigate.log", 1);
        var m = Parse(data);
        Assert.Equal((SyslogFormat.NoHeader, 189), (m.Format, m.Priority));
        Assert.StartsWith("date=2019-04-09 time=04:27:29 devname=fw01", Text(data, m.Message));
    }

    [Fact]
    public void Pan_os_csv_after_a_bsd_header_is_an_ordinary_bsd_message()
    {
        var data = Line("paloalto.log", 21); // "Nov 30 16:09:25 PA-220 1,2018/11/30 …"
        var m = Parse(data);
        Assert.Equal(SyslogFormat.Rfc3164, m.Format);
        Assert.Equal("PA-220", Text(data, m.Hostname));
        Assert.Equal("", Text(data, m.AppName));
        Assert.StartsWith("1,2018/11/30 16:09:24,012801096514,TRAFFIC,end,", Text(data, m.Message));
    }

    [Fact]
    public void A_csv_token_after_the_timestamp_is_not_taken_for_a_hostname()
    {
        var data = Line("paloalto.log", 29); // "Oct 30 09:46:12 1,2012/10/30 …"
        var m = Parse(data);
        Assert.Equal("", Text(data, m.Hostname));
        Assert.StartsWith("1,2012/10/30 09:46:12,", Text(data, m.Message));
    }

    [Fact]
    public void An_impossible_date_ends_the_header_and_leaves_the_timestamp_to_the_receive_time()
    {
        var data = Line("paloalto.log", 13); // anonymised "May 00 00:00:00 XXX-XX-00 …"
        var m = Parse(data);
        Assert.Equal(SyslogFormat.Rfc3164, m.Format);
        Assert.Null(m.Timestamp);
        Assert.Equal("XXX-XX-00", Text(data, m.Hostname));
    }

    [Theory]
    [InlineData("<abc>Oct 11 22:14:15 host app: x")]
    [InlineData("<999>Oct 11 22:14:15 host app: x")]
    [InlineData("<192>Oct 11 22:14:15 host app: x")]
    [InlineData("<013>Oct 11 22:14:15 host app: x")]
    [InlineData("<13")]
    [InlineData("<>x")]
    [InlineData("<1234>x")]
    public void A_malformed_pri_is_bad_priority(string line)
    {
        Assert.False(SyslogParser.TryParse(System.Text.Encoding.UTF8.GetBytes(line), ReceivedAt, out _, out var error));
        Assert.Equal(SyslogParseError.BadPriority, error);
    }

    [Fact]
    public void A_missing_pri_gives_priority_minus_one_and_user_notice()
    {
        var m = Parse("Oct 11 22:14:15 host app: x");
        Assert.Equal((-1, 1, 5), (m.Priority, m.Facility, m.Severity));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\0")]
    [InlineData("")]
    public void An_empty_message_is_empty(string line)
    {
        Assert.False(SyslogParser.TryParse(System.Text.Encoding.UTF8.GetBytes(line), ReceivedAt, out _, out var error));
        Assert.Equal(SyslogParseError.Empty, error);
    }

    [Fact]
    public void Trailing_cr_lf_and_nul_are_not_part_of_the_message()
    {
        var data = System.Text.Encoding.UTF8.GetBytes("<34>Oct 11 22:14:15 host app: text\r\n\0");
        var m = Parse(data);
        Assert.Equal("text", Text(data, m.Message));
    }

    [Fact]
    public void A_message_longer_than_the_limit_is_too_long()
    {
        var data = new byte[100];
        data.AsSpan().Fill((byte)'a');
        Assert.False(SyslogParser.TryParse(data, ReceivedAt, new SyslogParserOptions(null, maxMessageLength: 99), out _, out var error));
        Assert.Equal(SyslogParseError.TooLong, error);
        Assert.True(SyslogParser.TryParse(data, ReceivedAt, new SyslogParserOptions(null, maxMessageLength: 100), out _, out _));
        var big = new byte[SyslogParser.DefaultMaxMessageLength + 1];
        big.AsSpan().Fill((byte)'a');
        Assert.False(SyslogParser.TryParse(big, ReceivedAt, out _, out error));
        Assert.Equal(SyslogParseError.TooLong, error);
    }

    [Fact]
    public void Rfc3164Parser_parses_a_bsd_line_on_its_own()
    {
        Assert.True(Rfc3164Parser.TryParse(Line("rfc3164.log", 1), ReceivedAt, out var m, out _));
        Assert.Equal(SyslogFormat.Rfc3164, m.Format);
    }
}
