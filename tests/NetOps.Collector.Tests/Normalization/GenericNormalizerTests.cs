using NetOps.Collector.Normalization;
using NetOps.Core.Events;

namespace NetOps.Collector.Tests.Normalization;

public sealed class GenericNormalizerTests
{
    [Fact]
    public void A_line_no_normaliser_knows_keeps_its_whitespace_tabs_and_length()
    {
        var text = "  \tfree text " + new string('あ', 1000) + "\tend  ";
        var m = new GenericNormalizer().Normalize(new SyslogRecord { Message = text });
        Assert.Equal(EventKind.Generic, m.Kind);
        Assert.Equal(text, m.Message);
    }

    [Fact]
    public void The_stored_message_field_is_the_line_up_to_the_field_limit()
    {
        var text = "\t" + new string('x', EventPoint.MaxFieldChars + 500);
        var m = new SyslogNormalizer().Normalize(new SyslogRecord { Message = text }).Message;
        var point = EventPoint.Create(1, "352012", "rt1", m.Kind, Severity.Info, LineRole.None, m.Message, m.Detail);
        Assert.Equal(text[..EventPoint.MaxFieldChars], point.Fields.Single(f => f.Key == "message").Value.StringValue);
    }
}
