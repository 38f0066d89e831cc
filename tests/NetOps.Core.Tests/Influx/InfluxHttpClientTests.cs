using System.Net;
using NetOps.Core.Influx;

namespace NetOps.Core.Tests.Influx;

public sealed class InfluxHttpClientTests
{
    [Theory]
    [InlineData(HttpStatusCode.BadRequest, InfluxWriteOutcome.Permanent)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, InfluxWriteOutcome.Permanent)]
    [InlineData(HttpStatusCode.InternalServerError, InfluxWriteOutcome.Retryable)]
    [InlineData(HttpStatusCode.ServiceUnavailable, InfluxWriteOutcome.Retryable)]
    [InlineData(HttpStatusCode.TooManyRequests, InfluxWriteOutcome.Retryable)]
    [InlineData(HttpStatusCode.NotFound, InfluxWriteOutcome.Retryable)]
    [InlineData(HttpStatusCode.Unauthorized, InfluxWriteOutcome.Retryable)]
    public void Only_refusals_of_the_data_itself_are_permanent(HttpStatusCode status, InfluxWriteOutcome expected) =>
        Assert.Equal(expected, InfluxHttpClient.Classify(status, "x").Outcome);

    [Fact]
    public void A_partial_write_reports_how_many_points_were_dropped() =>
        Assert.Equal(2, InfluxHttpClient.Classify(HttpStatusCode.BadRequest,
            "partial write: field type conflict: input field \"v\" on measurement \"m\" is type integer, already exists as type float dropped=2").DroppedPoints);

    [Theory]
    [InlineData("netops", "\"netops\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    public void Identifiers_are_quoted_for_influxql(string name, string expected) =>
        Assert.Equal(expected, InfluxHttpClient.QuoteIdentifier(name));
}
