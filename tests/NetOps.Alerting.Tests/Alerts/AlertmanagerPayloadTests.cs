using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetOps.Alerting.Alerts;

namespace NetOps.Alerting.Tests.Alerts;

public sealed class AlertmanagerPayloadTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);
    static readonly TimeSpan ResolveTimeout = TimeSpan.FromMinutes(5);

    static (IReadOnlyList<PostedAlert> Alerts, IReadOnlyList<PayloadError> Errors) Parse(string json) =>
        AlertmanagerPayload.Parse(Encoding.UTF8.GetBytes(json), Now, ResolveTimeout);

    [Fact]
    public void Reads_what_prometheus_sends()
    {
        // The shape of Prometheus' notifier body (notifier/notifier.go): zero time for an unset endsAt.
        var (alerts, errors) = Parse("""
            [{"labels":{"alertname":"InterfaceDown","site":"131016","severity":"critical","instance":"10.1.2.3:9100"},
              "annotations":{"summary":"千代田区 主回線ダウン"},
              "startsAt":"2026-12-01T00:58:00.000Z","endsAt":"0001-01-01T00:00:00Z",
              "generatorURL":"http://prometheus:9090/graph?g0.expr=up"}]
            """);
        Assert.Empty(errors);
        var alert = Assert.Single(alerts);
        Assert.Equal("131016", alert.Labels["site"]);
        Assert.Equal("千代田区 主回線ダウン", alert.Annotations["summary"]);
        Assert.Equal(Now.AddMinutes(-2), alert.StartsAt);
        Assert.Equal(Now + ResolveTimeout, alert.EndsAt);
        Assert.False(alert.IsResolvedAt(Now));
    }

    [Fact]
    public void An_end_in_the_past_is_a_resolved_alert()
    {
        var (alerts, _) = Parse("""[{"labels":{"alertname":"X"},"startsAt":"2026-12-01T00:00:00Z","endsAt":"2026-12-01T00:30:00Z"}]""");
        Assert.True(Assert.Single(alerts).IsResolvedAt(Now));
    }

    [Theory]
    [InlineData("""[{"annotations":{}}]""", "labels: missing")]
    [InlineData("""[{"labels":{}}]""", "at least one label")]
    [InlineData("""[{"labels":{"9bad":"x"}}]""", "not a label name")]
    [InlineData("""[{"labels":{"site":1}}]""", "labels.site: must be a string")]
    [InlineData("""[{"labels":{"a":"b"},"startsAt":"yesterday"}]""", "startsAt: not an RFC 3339 time")]
    [InlineData("""[{"labels":{"a":"b"},"startsAt":"2026-12-01T00:30:00Z","endsAt":"2026-12-01T00:00:00Z"}]""", "endsAt is before startsAt")]
    public void A_bad_item_is_refused_with_its_index_and_the_good_ones_are_kept(string badItem, string expected)
    {
        var json = """[{"labels":{"alertname":"Good"}}, """ + badItem.Trim('[', ']') + "]";
        var (alerts, errors) = Parse(json);
        Assert.Single(alerts);
        var error = Assert.Single(errors);
        Assert.Equal(1, error.Index);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("{}", "JSON array")]
    [InlineData("[", "not JSON")]
    [InlineData("", "not JSON")]
    public void A_body_that_is_not_an_array_is_refused_whole(string body, string expected) =>
        Assert.Contains(expected, Assert.Single(Parse(body).Errors).Message);

    [Fact]
    public void Invalid_utf8_inside_a_label_is_an_error_not_an_exception()
    {
        // Found by the mutation test below: JsonDocument accepts the bytes and throws when the string is read.
        var body = Encoding.UTF8.GetBytes("""[{"labels":{"site":"13X016"}}]""");
        body[Array.IndexOf(body, (byte)'X')] = 0xF4;
        Assert.Contains("UTF-8", Assert.Single(AlertmanagerPayload.Parse(body, Now, ResolveTimeout).Errors).Message);
    }

    [Property(MaxTest = 2000)]
    public bool Never_throws_on_arbitrary_bytes(byte[] bytes)
    {
        // Throwing is the failure; an error, when there is one, points at the body or an item of it.
        var (_, errors) = AlertmanagerPayload.Parse(bytes, Now, ResolveTimeout);
        return errors.All(e => e.Index >= -1 && e.Message.Length > 0);
    }

    [Fact]
    public void Never_throws_on_mutations_of_a_valid_body()
    {
        var valid = Encoding.UTF8.GetBytes("""[{"labels":{"alertname":"X","site":"131016"},"annotations":{"a":"b"},"startsAt":"2026-12-01T00:00:00Z"}]""");
        var random = new Random(20261201);
        for (var i = 0; i < 20_000; i++)
        {
            var mutated = (byte[])valid.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--) mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            var (alerts, errors) = AlertmanagerPayload.Parse(mutated, Now, ResolveTimeout);
            Assert.True(alerts.Count + errors.Count >= 1, "every body gives an alert or an error");
        }
    }
}
