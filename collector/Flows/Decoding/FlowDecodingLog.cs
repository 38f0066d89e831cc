using System.Net;
using Microsoft.Extensions.Logging;

namespace NetOps.Collector.Flows.Decoding;

/// <summary>Flow decoder log events, ids 1150–1159 (inside the collector's 1100–1199).</summary>
internal static partial class FlowDecodingLog
{
    [LoggerMessage(1150, LogLevel.Warning, "{Format} exporter {Exporter} domain {Domain}: {Lost} {Unit} lost in the last {Seconds} s (sequence gaps)")]
    public static partial void Lost(this ILogger logger, string format, IPAddress exporter, uint domain, long lost, string unit, long seconds);

    [LoggerMessage(1151, LogLevel.Information, "{Format} exporter {Exporter} domain {Domain} restarted (sequence reset)")]
    public static partial void SequenceReset(this ILogger logger, string format, IPAddress exporter, uint domain);

    [LoggerMessage(1152, LogLevel.Warning, "Flow template cap reached: template {TemplateId} from {Exporter} domain {Domain} not stored ({Templates} cached)")]
    public static partial void TemplateCap(this ILogger logger, ushort templateId, IPAddress exporter, uint domain, int templates);

    [LoggerMessage(1153, LogLevel.Warning, "Flow exporter cap reached: datagrams from {Exporter} domain {Domain} are not decoded ({Exporters} tracked)")]
    public static partial void ExporterCap(this ILogger logger, IPAddress exporter, uint domain, int exporters);
}
