using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NetOps.Alerting.Store;
using NetOps.Core.Audit;
using NetOps.Core.State;
using NetOps.Dashboard.Reports;
using NetOps.Dashboard.Resources;

namespace NetOps.Dashboard.Tests.Reports;

/// <summary>A migrated SQLite state DB with the real incident store and audit log on it, and the report service over them.</summary>
internal sealed class ReportTestDb : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-reports-").FullName;

    private ReportTestDb(DateTimeOffset start)
    {
        Time = new FakeTimeProvider(start);
        Factory = new StateDbContextFactory(new StateDbConnection(StateDbProvider.Sqlite,
            new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dir, "netops.db"), Pooling = false, DefaultTimeout = 30 }.ToString()));
        Audit = new AuditLog(Factory, Time, NullLogger<AuditLog>.Instance);
        Incidents = new IncidentStore(Factory, Audit, Time);
    }

    public FakeTimeProvider Time { get; }
    public StateDbContextFactory Factory { get; }
    public AuditLog Audit { get; }
    public IncidentStore Incidents { get; }

    public static IStringLocalizer<Strings> Strings { get; } = new StringLocalizer<Strings>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    public ReportService Reports(IDrillCounter drills) =>
        new(Incidents, drills, new ReportBuilder(Strings, Time), Audit, Options.Create(new ReportsOptions()));

    public static async Task<ReportTestDb> CreateAsync(DateTimeOffset start, CancellationToken cancellationToken)
    {
        var db = new ReportTestDb(start);
        await using (var context = db.Factory.CreateDbContext()) await StateDbInitializer.MigrateAsync(context, NullLogger.Instance, cancellationToken);
        return db;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
