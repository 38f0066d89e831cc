using System.Text.Json;
using NetOps.Core.Detections;
using NetOps.Core.Detections.Storage;
using NetOps.Core.State;

namespace NetOps.Bench.Alerting;

/// <summary>
/// Writes detections into the host's state DB as the analyzer's sink on another node does: rows of <c>detections</c>
/// committed from outside the host process, which its engine finds at its next pass (nothing wakes it).
/// </summary>
public sealed class StateDbDetections(string dataDir)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // NetOps' own connections wait 30 s for SQLite's write lock; the bench gives up after 10 s, so a lock that is never
    // free shows as an error within the run instead of stretching it.
    private readonly StateDbContextFactory _factory = new(StateDbConnection.From(new StateDbOptions
    {
        ConnectionString = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDir, "netops.db"), Pooling = true, DefaultTimeout = 10 }.ToString(),
    }, dataDir));

    /// <summary>One finding; its id is detector, site, kind and time (ms), so findings of one condition differ by time.</summary>
    public static Detection Make(string site, DetectionKind kind, DateTimeOffset time, string message) => new()
    {
        Time = time, Site = site, Detector = "bench", Kind = kind, Score = 1, Message = message,
        Evidence = [new DetectionEvidence(time, "event", "bench", $"{site}-fw1", "primary", message)],
    };

    /// <summary>Stores the detections in one transaction, recorded at <paramref name="recordedAt"/>.</summary>
    public async Task StoreAsync(IReadOnlyList<Detection> detections, DateTimeOffset recordedAt, CancellationToken cancellationToken)
    {
        await using var db = _factory.CreateDbContext();
        foreach (var d in detections)
        {
            db.Detections.Add(new DetectionRecord
            {
                Id = d.Id, Time = d.Time, Site = d.Site, Detector = d.Detector, Kind = d.Kind.ToTag(), Score = d.Score, Message = d.Message, Line = d.Line,
                EvidenceJson = JsonSerializer.Serialize(d.Evidence, Json), RecordedAt = recordedAt,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
