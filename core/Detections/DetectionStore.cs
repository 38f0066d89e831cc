using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NetOps.Core.Detections.Storage;
using NetOps.Core.Influx;
using NetOps.Core.State;

namespace NetOps.Core.Detections;

/// <summary>
/// The detections in the state DB (each finding once, by <see cref="Detection.Id"/>, whichever node or run found it),
/// copied to InfluxDB as <c>detection</c> points for charts, and handed to listeners in this process.
/// </summary>
public sealed partial class DetectionStore(IDbContextFactory<NetOpsDbContext> contexts, IPointWriter writer, NetOps.Core.Metrics.NetOpsMetrics metrics, TimeProvider time, ILogger<DetectionStore> logger) : IDetectionSink
{
    private const long AdvisoryLockKey = 0x4E65744F70734465; // "NetOpsDe"

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Evidence kept per finding.</summary>
    public const int MaxEvidence = 64;

    /// <summary>Raised for each new finding after it is stored (in this process); alerting and the screen listen. Handlers must not block.</summary>
    public event Action<Detection>? Published;

    /// <summary>Raised when a stored finding gets more evidence (in this process).</summary>
    public event Action<Detection>? Amended;

    public async Task<int> PublishAsync(IReadOnlyList<Detection> detections, CancellationToken cancellationToken = default)
    {
        if (detections.Count == 0) return 0;
        var unique = detections.GroupBy(d => d.Id, StringComparer.Ordinal).Select(g => g.First()).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        var added = await strategy.ExecuteAsync(async ct =>
        {
            await using var tx = await StateDbTransactions.BeginWriteAsync(db, AdvisoryLockKey, ct);
            var ids = unique.Select(d => d.Id).ToList();
            var known = await db.Detections.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, ct);
            var now = time.GetUtcNow();
            var fresh = new List<Detection>();
            var amended = new List<Detection>();
            foreach (var d in unique)
            {
                if (!known.TryGetValue(d.Id, out var row))
                {
                    db.Detections.Add(ToRecord(d, now));
                    fresh.Add(d);
                }
                else if (Amend(row, d) is { } merged)
                {
                    amended.Add(merged);
                }
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return (fresh, amended);
        }, cancellationToken);
        foreach (var d in added.amended)
        {
            await writer.WriteAsync(DetectionPoint.Create(d), cancellationToken);
            try { Amended?.Invoke(d); }
            catch (Exception ex) { ListenerFailed(logger, ex, d.Id); }
        }

        foreach (var d in added.fresh)
        {
            await writer.WriteAsync(DetectionPoint.Create(d), cancellationToken);
            metrics.Detections.WithLabels(d.Kind.ToTag()).Inc();
            Stored(logger, d.Kind.ToTag(), d.Site, d.Detector, d.Message);
            try { Published?.Invoke(d); }
            catch (Exception ex) { ListenerFailed(logger, ex, d.Id); }
        }
        return added.fresh.Count;
    }

    /// <summary>
    /// Later evidence of a finding already stored (a BGP hold timer running out after the link went down, the
    /// traffic moving a window later): added to the stored finding, which stays one finding. Answers the merged finding,
    /// or null when nothing is new.
    /// </summary>
    private static Detection? Amend(DetectionRecord row, Detection d)
    {
        var stored = FromRecord(row);
        var evidence = stored.Evidence.Concat(d.Evidence).Distinct().OrderBy(e => e.Time).Take(MaxEvidence).ToList();
        var durations = new Dictionary<string, double>(stored.Durations);
        foreach (var (k, v) in d.Durations) durations[k] = v;
        if (evidence.Count == stored.Evidence.Count && durations.Count == stored.Durations.Count
            && durations.All(kv => stored.Durations.TryGetValue(kv.Key, out var x) && x == kv.Value))
            return null;
        row.EvidenceJson = JsonSerializer.Serialize(evidence, Json);
        row.DurationsJson = JsonSerializer.Serialize(durations, Json);
        return stored with { Evidence = evidence, Durations = durations };
    }

    /// <summary>The detections that match, newest first.</summary>
    public async Task<IReadOnlyList<Detection>> QueryAsync(DetectionFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        IQueryable<DetectionRecord> q = db.Detections.AsNoTracking();
        if (filter.Sites is { Count: 0 }) return [];
        if (filter.Sites is { } sites) q = q.Where(r => sites.Contains(r.Site));
        if (filter.Kinds is { Count: > 0 } kinds)
        {
            var tags = kinds.Select(k => k.ToTag()).ToList();
            q = q.Where(r => tags.Contains(r.Kind));
        }
        if (!string.IsNullOrEmpty(filter.Detector)) q = q.Where(r => r.Detector == filter.Detector);
        if (filter.From is { } from) q = q.Where(r => r.Time >= from);
        if (filter.To is { } to) q = q.Where(r => r.Time < to);
        var rows = await q.OrderByDescending(r => r.Time).ThenBy(r => r.Id).Take(Math.Clamp(filter.Limit, 1, 10_000)).ToListAsync(cancellationToken);
        return rows.Select(FromRecord).ToList();
    }

    private static DetectionRecord ToRecord(Detection d, DateTimeOffset now) => new()
    {
        Id = d.Id,
        Time = d.Time,
        Site = d.Site,
        Detector = d.Detector,
        Kind = d.Kind.ToTag(),
        Score = d.Score,
        Value = d.Value,
        Expected = d.Expected,
        Message = d.Message.Length > 1000 ? d.Message[..1000] : d.Message,
        Line = d.Line,
        EvidenceJson = JsonSerializer.Serialize(d.Evidence, Json),
        DurationsJson = JsonSerializer.Serialize(d.Durations, Json),
        Rerun = d.Rerun,
        RecordedAt = now,
    };

    private static Detection FromRecord(DetectionRecord r) => new()
    {
        Time = r.Time,
        Site = r.Site,
        Detector = r.Detector,
        Kind = DetectionKinds.TryParse(r.Kind, out var k) ? k : DetectionKind.Anomaly,
        Score = r.Score,
        Value = r.Value,
        Expected = r.Expected,
        Message = r.Message,
        Line = r.Line,
        Evidence = JsonSerializer.Deserialize<List<DetectionEvidence>>(r.EvidenceJson, Json) ?? [],
        Durations = JsonSerializer.Deserialize<Dictionary<string, double>>(r.DurationsJson, Json) ?? [],
        Rerun = r.Rerun,
        RecordedAt = r.RecordedAt,
    };

    [LoggerMessage(1401, LogLevel.Information, "Detection {Kind} at {Site} by {Detector}: {Message}")]
    private static partial void Stored(ILogger logger, string kind, string site, string detector, string message);

    [LoggerMessage(1402, LogLevel.Error, "A detection listener failed on {Id}")]
    private static partial void ListenerFailed(ILogger logger, Exception ex, string id);
}
