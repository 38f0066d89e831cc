using Microsoft.Extensions.Logging;

namespace NetOps.Core.Influx;

/// <summary>Log events of the InfluxDB write path (event ids 1000–1099).</summary>
internal static partial class InfluxLog
{
    [LoggerMessage(1000, LogLevel.Information, "InfluxDB writer started: spool {SpoolDir}, {Files} spool files ({Bytes} bytes) to replay")]
    public static partial void Started(this ILogger logger, string spoolDir, int files, long bytes);

    [LoggerMessage(1001, LogLevel.Warning, "InfluxDB write failed, keeping {Files} spool files and retrying in {DelayMs} ms: {Status} {Error}")]
    public static partial void WriteRetrying(this ILogger logger, int files, long delayMs, int? status, string? error);

    [LoggerMessage(1002, LogLevel.Information, "InfluxDB writes resumed after {Failures} failed attempts; {Files} spool files waiting")]
    public static partial void WriteResumed(this ILogger logger, int failures, int files);

    [LoggerMessage(1003, LogLevel.Error, "InfluxDB refused spool file {File} ({Points} points, {Dropped} dropped): {Status} {Error}; moved to {RejectedPath} for inspection")]
    public static partial void WriteRejected(this ILogger logger, string file, int points, int dropped, int? status, string? error, string rejectedPath);

    [LoggerMessage(1004, LogLevel.Warning, "Spool is full ({Bytes} of {MaxBytes} bytes): writers wait and UDP input is dropped until InfluxDB catches up")]
    public static partial void SpoolFull(this ILogger logger, long bytes, long maxBytes);

    [LoggerMessage(1005, LogLevel.Information, "Spool has room again ({Bytes} of {MaxBytes} bytes)")]
    public static partial void SpoolResumed(this ILogger logger, long bytes, long maxBytes);

    [LoggerMessage(1006, LogLevel.Error, "Dropped a point that cannot be encoded: {Reason}")]
    public static partial void PointDropped(this ILogger logger, string reason);

    [LoggerMessage(1007, LogLevel.Warning, "Incomplete spool file {File} left by a crash during a disk write was moved to {Target} for inspection")]
    public static partial void IncompleteSpoolFile(this ILogger logger, string file, string target);

    [LoggerMessage(1008, LogLevel.Error, "Could not write spool file {File}; retrying")]
    public static partial void SpoolWriteFailed(this ILogger logger, Exception exception, string file);

    [LoggerMessage(1009, LogLevel.Warning, "Could not create InfluxDB database {Database}: {Error}")]
    public static partial void CreateDatabaseFailed(this ILogger logger, string database, string error);

    [LoggerMessage(1010, LogLevel.Information, "InfluxDB writer stopped; {Files} spool files ({Bytes} bytes) left for the next start")]
    public static partial void Stopped(this ILogger logger, int files, long bytes);

    [LoggerMessage(1011, LogLevel.Error, "Spool file {File} could not be read and was moved to {RejectedPath}")]
    public static partial void SpoolFileUnreadable(this ILogger logger, Exception exception, string file, string rejectedPath);

    [LoggerMessage(1012, LogLevel.Warning, "Spool is over its limit while stopping; writing {Points} points anyway so that none is lost")]
    public static partial void SpoolOverLimitOnStop(this ILogger logger, int points);

    [LoggerMessage(1013, LogLevel.Error, "InfluxDB refused spool file {File} ({Points} points, {Dropped} dropped): {Status} {Error}; it could not be moved to {RejectedPath} ({Reason}) and stays where it is")]
    public static partial void WriteRejectedKept(this ILogger logger, string file, int points, int dropped, int? status, string? error, string rejectedPath, string reason);

    [LoggerMessage(1014, LogLevel.Error, "Spool file {File} could not be read, nor moved to {RejectedPath} ({Reason}); it stays where it is")]
    public static partial void SpoolFileUnreadableKept(this ILogger logger, Exception exception, string file, string rejectedPath, string reason);

    [LoggerMessage(1015, LogLevel.Warning, "Spool file {File} is in InfluxDB but could not be deleted; it is sent again at the next start and stored once")]
    public static partial void SpoolFileNotDeleted(this ILogger logger, Exception exception, string file);

    [LoggerMessage(1016, LogLevel.Error, "Stopping: a batch of {Points} points could not be spooled after repeated errors and is dropped")]
    public static partial void BatchLostOnStop(this ILogger logger, int points);

    [LoggerMessage(1017, LogLevel.Warning, "Spool file {File} was complete but kept its temporary name (a crash before the rename); it is replayed")]
    public static partial void TemporarySpoolFileRecovered(this ILogger logger, string file);

    [LoggerMessage(1018, LogLevel.Error, "Temporary spool file {File} could not be checked or moved; it stays where it is")]
    public static partial void TemporarySpoolFileKept(this ILogger logger, Exception exception, string file);

    [LoggerMessage(1019, LogLevel.Warning, "Could not read or advance the writer generation in {File}; events after this restart may overwrite ones of the same second written before it")]
    public static partial void GenerationUnavailable(this ILogger logger, Exception exception, string file);
}
