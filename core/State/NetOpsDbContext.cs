using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NetOps.Core.Advisories.Storage;
using NetOps.Core.Alerting.Storage;
using NetOps.Core.Audit;
using NetOps.Core.Detections.Storage;
using NetOps.Core.Identity;
using NetOps.Core.Inventory.Storage;
using NetOps.Core.Sites;

namespace NetOps.Core.State;

/// <summary>
/// The platform's tables in the state DB: people (Identity), API tokens, the audit chain, the inventory, and what
/// crosses parts: detections, site states and the watermarks of scheduled window jobs.
/// Other parts keep their own contexts beside it. Each provider has its own migrations
/// (<see cref="SqliteNetOpsDbContext"/>, <see cref="PostgresNetOpsDbContext"/>).
/// </summary>
public abstract class NetOpsDbContext(DbContextOptions options) : IdentityDbContext<NetOpsUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public const string HistoryTable = "__netops_migrations";

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();
    public DbSet<SiteRecord> Sites => Set<SiteRecord>();
    public DbSet<DeviceRecord> Devices => Set<DeviceRecord>();
    public DbSet<InventoryRevision> InventoryRevisions => Set<InventoryRevision>();
    /// <summary>The data-protection key ring (cookies, Identity tokens), shared by every node of one state DB.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    /// <summary>Findings of the detectors, each once (alerting and the screen read them).</summary>
    public DbSet<DetectionRecord> Detections => Set<DetectionRecord>();
    /// <summary>Each site's current state, as the analyzer decided it.</summary>
    public DbSet<SiteStateRecord> SiteStates => Set<SiteStateRecord>();
    /// <summary>Watermarks and state of scheduled window jobs (the analyzer's detectors).</summary>
    public DbSet<WindowWatermark> WindowWatermarks => Set<WindowWatermark>();
    /// <summary>Collectors splitting the SNMP-polled devices by membership, with their heartbeats.</summary>
    public DbSet<CollectorMember> CollectorMembers => Set<CollectorMember>();
    /// <summary>The advisory contacts of the local governments (the CEPTOAR broadcast's directory).</summary>
    public DbSet<AdvisoryContactRecord> AdvisoryContacts => Set<AdvisoryContactRecord>();
    /// <summary>CEPTOAR advisories with their four-eyes state.</summary>
    public DbSet<AdvisoryRecord> Advisories => Set<AdvisoryRecord>();
    /// <summary>One row per advisory and recipient: the delivery outbox and the acknowledgements.</summary>
    public DbSet<AdvisoryOutboxRecord> AdvisoryOutbox => Set<AdvisoryOutboxRecord>();
    /// <summary>Alerts, one row per condition (fingerprint).</summary>
    public DbSet<AlertRecord> Alerts => Set<AlertRecord>();
    /// <summary>Aggregation groups with their flush and escalation state.</summary>
    public DbSet<AlertGroupRecord> AlertGroups => Set<AlertGroupRecord>();
    /// <summary>The alerting outbox: one row per page and person, unique by key.</summary>
    public DbSet<AlertNotificationRecord> AlertNotifications => Set<AlertNotificationRecord>();
    /// <summary>Silences and maintenance windows, kept after they end.</summary>
    public DbSet<SilenceRecord> Silences => Set<SilenceRecord>();
    /// <summary>On-call schedules, policies and routes as edited (the configuration seeds them).</summary>
    public DbSet<OnCallDocumentRecord> OnCallDocuments => Set<OnCallDocumentRecord>();
    /// <summary>Incidents with their cause and timeline (what auditors export).</summary>
    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();
    /// <summary>Failover drills: their sites, roster, targets and times.</summary>
    public DbSet<NetOps.Core.Drills.DrillRecord> Drills => Set<NetOps.Core.Drills.DrillRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<NetOpsUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(200);
        });
        builder.Entity<ApiToken>(e =>
        {
            e.ToTable("api_tokens");
            e.HasKey(t => t.Id);
            e.Property(t => t.Hash).HasMaxLength(64).IsRequired();
            e.HasIndex(t => t.Hash).IsUnique();
            e.Property(t => t.Prefix).HasMaxLength(16);
            e.HasIndex(t => t.UserId);
            e.HasOne<NetOpsUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AuditRecord>(e =>
        {
            e.ToTable("audit_records");
            e.HasKey(r => r.Sequence);
            e.Property(r => r.Sequence).ValueGeneratedNever();
            e.Property(r => r.Actor).HasMaxLength(256).IsRequired();
            e.Property(r => r.Source).HasMaxLength(256);
            e.Property(r => r.Action).HasMaxLength(100).IsRequired();
            e.Property(r => r.Target).HasMaxLength(512);
            e.Property(r => r.PreviousHash).HasMaxLength(64).IsRequired();
            e.Property(r => r.Hash).HasMaxLength(64).IsRequired();
            e.HasIndex(r => r.Time);
            e.HasIndex(r => r.Actor);
            e.HasIndex(r => r.Action);
        });
        builder.Entity<AuditHead>(e =>
        {
            e.ToTable("audit_head");
            e.HasKey(h => h.Id);
            e.Property(h => h.Id).ValueGeneratedNever();
            e.Property(h => h.Hash).HasMaxLength(64);
        });
        builder.Entity<SiteRecord>(e =>
        {
            e.ToTable("sites");
            e.HasKey(s => s.Code);
            e.Property(s => s.Code).HasMaxLength(6);
            e.Property(s => s.Name).HasMaxLength(200).IsRequired();
            e.Property(s => s.Prefecture).HasMaxLength(2);
            e.Property(s => s.Parent).HasMaxLength(6);
            e.HasIndex(s => s.Prefecture);
            e.HasMany(s => s.Devices).WithOne().HasForeignKey(d => d.SiteCode).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<DeviceRecord>(e =>
        {
            e.ToTable("devices");
            e.HasKey(d => d.Id);
            e.Property(d => d.Name).HasMaxLength(200).IsRequired();
            e.HasIndex(d => d.Name).IsUnique();
            e.Property(d => d.Kind).HasMaxLength(40);
            e.Property(d => d.Line).HasMaxLength(20);
            e.Property(d => d.Addresses).HasMaxLength(2000);
        });
        builder.Entity<DataProtectionKey>(e => e.ToTable("data_protection_keys"));
        builder.Entity<DetectionRecord>(e =>
        {
            e.ToTable("detections");
            e.HasKey(d => d.Id);
            e.Property(d => d.Id).HasMaxLength(200);
            e.Property(d => d.Site).HasMaxLength(16).IsRequired();
            e.Property(d => d.Detector).HasMaxLength(64).IsRequired();
            e.Property(d => d.Kind).HasMaxLength(32).IsRequired();
            e.Property(d => d.Message).HasMaxLength(1000).IsRequired();
            e.Property(d => d.Line).HasMaxLength(16);
            e.HasIndex(d => d.Time);
            e.HasIndex(d => new { d.Site, d.Time });
            e.HasIndex(d => d.RecordedAt);
        });
        builder.Entity<SiteStateRecord>(e =>
        {
            e.ToTable("site_states");
            e.HasKey(s => s.Site);
            e.Property(s => s.Site).HasMaxLength(16);
            e.Property(s => s.State).HasMaxLength(16).IsRequired();
            e.Property(s => s.ActiveLine).HasMaxLength(16).IsRequired();
            e.Property(s => s.Reason).HasMaxLength(500);
        });
        builder.Entity<WindowWatermark>(e =>
        {
            e.ToTable("window_watermarks");
            e.HasKey(w => w.Name);
            e.Property(w => w.Name).HasMaxLength(100);
        });
        builder.Entity<CollectorMember>(e =>
        {
            e.ToTable("collector_members");
            e.HasKey(m => m.Name);
            e.Property(m => m.Name).HasMaxLength(128);
        });
        builder.Entity<AdvisoryContactRecord>(e =>
        {
            e.ToTable("advisory_contacts");
            e.HasKey(c => c.Id);
            e.Property(c => c.Code).HasMaxLength(6).IsRequired();
            e.Property(c => c.Address).HasMaxLength(254).IsRequired();
            e.Property(c => c.Role).HasMaxLength(100).IsRequired();
            e.Property(c => c.Charset).HasMaxLength(16).IsRequired();
            e.HasIndex(c => new { c.Code, c.Address }).IsUnique();
        });
        builder.Entity<AdvisoryRecord>(e =>
        {
            e.ToTable("advisories");
            e.HasKey(a => a.Id);
            e.Property(a => a.Title).HasMaxLength(200).IsRequired();
            e.Property(a => a.Body).IsRequired();
            e.Property(a => a.Severity).HasMaxLength(16).IsRequired();
            e.Property(a => a.Tlp).HasMaxLength(16).IsRequired();
            e.Property(a => a.Source).HasMaxLength(200).IsRequired();
            e.Property(a => a.Kind).HasMaxLength(16).IsRequired();
            e.Property(a => a.TrackingId).HasMaxLength(200);
            e.Property(a => a.Recipients).IsRequired();
            e.Property(a => a.Author).HasMaxLength(256).IsRequired();
            e.Property(a => a.State).HasMaxLength(16).IsRequired();
            e.Property(a => a.Approver).HasMaxLength(256);
            e.Property(a => a.Sender).HasMaxLength(256);
            e.HasIndex(a => a.State);
            e.HasIndex(a => a.Supersedes);
        });
        builder.Entity<AdvisoryOutboxRecord>(e =>
        {
            e.ToTable("advisory_outbox");
            e.HasKey(o => o.Id);
            e.Property(o => o.Address).HasMaxLength(254).IsRequired();
            e.Property(o => o.Code).HasMaxLength(6).IsRequired();
            e.Property(o => o.State).HasMaxLength(16).IsRequired();
            e.Property(o => o.Charset).HasMaxLength(16).IsRequired();
            e.Property(o => o.LastError).HasMaxLength(1000);
            e.Property(o => o.MessageId).HasMaxLength(200).IsRequired();
            e.Property(o => o.ClaimedBy).HasMaxLength(100);
            e.Property(o => o.AcknowledgedFrom).HasMaxLength(64);
            e.HasIndex(o => new { o.AdvisoryId, o.Address, o.Round }).IsUnique();
            e.HasIndex(o => new { o.State, o.NextAttemptAt });
            e.HasIndex(o => o.ClaimedBy);
            e.HasOne<AdvisoryRecord>().WithMany().HasForeignKey(o => o.AdvisoryId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AlertRecord>(e =>
        {
            e.ToTable("alerts");
            e.HasKey(a => a.Id);
            e.Property(a => a.Fingerprint).HasMaxLength(16).IsRequired();
            e.HasIndex(a => a.Fingerprint).IsUnique();
            e.Property(a => a.Site).HasMaxLength(16).IsRequired();
            e.Property(a => a.Kind).HasMaxLength(64).IsRequired();
            e.Property(a => a.Severity).HasMaxLength(16).IsRequired();
            e.Property(a => a.Source).HasMaxLength(16).IsRequired();
            e.Property(a => a.State).HasMaxLength(16).IsRequired();
            e.Property(a => a.AcknowledgedBy).HasMaxLength(256);
            e.Property(a => a.SuppressedBy).HasMaxLength(64);
            e.Property(a => a.SuppressedReason).HasMaxLength(200);
            e.Property(a => a.GroupKey).HasMaxLength(400);
            e.Property(a => a.LastMailError).HasMaxLength(1000);
            e.HasIndex(a => a.State);
            e.HasIndex(a => a.GroupKey);
            e.HasIndex(a => new { a.Site, a.StartsAt });
        });
        builder.Entity<AlertGroupRecord>(e =>
        {
            e.ToTable("alert_groups");
            e.HasKey(g => g.Key);
            e.Property(g => g.Key).HasMaxLength(400);
            e.Property(g => g.Policy).HasMaxLength(100).IsRequired();
            e.Property(g => g.AcknowledgedBy).HasMaxLength(256);
            e.HasIndex(g => new { g.Active, g.NextFlushAt });
        });
        builder.Entity<AlertNotificationRecord>(e =>
        {
            e.ToTable("alert_notifications");
            e.HasKey(n => n.Id);
            e.Property(n => n.Key).HasMaxLength(700).IsRequired();
            e.HasIndex(n => n.Key).IsUnique();
            e.Property(n => n.GroupKey).HasMaxLength(400).IsRequired();
            e.Property(n => n.StepKey).HasMaxLength(500).IsRequired();
            e.Property(n => n.Kind).HasMaxLength(16).IsRequired();
            e.Property(n => n.User).HasMaxLength(256).IsRequired();
            e.Property(n => n.Address).HasMaxLength(254).IsRequired();
            e.Property(n => n.Subject).HasMaxLength(500).IsRequired();
            e.Property(n => n.Body).IsRequired();
            e.Property(n => n.State).HasMaxLength(16).IsRequired();
            e.Property(n => n.LastError).HasMaxLength(1000);
            e.Property(n => n.ClaimedBy).HasMaxLength(100);
            e.Property(n => n.MessageId).HasMaxLength(200).IsRequired();
            e.HasIndex(n => new { n.State, n.NextAttemptAt });
            e.HasIndex(n => n.GroupKey);
        });
        builder.Entity<SilenceRecord>(e =>
        {
            e.ToTable("silences");
            e.HasKey(s => s.Id);
            e.Property(s => s.CreatedBy).HasMaxLength(256).IsRequired();
            e.Property(s => s.Comment).HasMaxLength(1000).IsRequired();
            e.Property(s => s.ExpiredBy).HasMaxLength(256);
            e.Property(s => s.RecurrenceDays).HasMaxLength(100);
            e.Property(s => s.RecurrenceTimeZone).HasMaxLength(100);
            e.HasIndex(s => s.EndsAt);
        });
        builder.Entity<OnCallDocumentRecord>(e =>
        {
            e.ToTable("oncall_documents");
            e.HasKey(d => new { d.Kind, d.Name });
            e.Property(d => d.Kind).HasMaxLength(16);
            e.Property(d => d.Name).HasMaxLength(100);
            e.Property(d => d.Json).IsRequired();
            e.Property(d => d.UpdatedBy).HasMaxLength(256).IsRequired();
        });
        builder.Entity<NetOps.Core.Drills.DrillRecord>(e =>
        {
            e.ToTable("drills");
            e.HasKey(d => d.Id);
            e.Property(d => d.Title).HasMaxLength(200).IsRequired();
            e.Property(d => d.SitesJson).IsRequired();
            e.Property(d => d.Scenario).HasMaxLength(64).IsRequired();
            e.Property(d => d.RosterJson).IsRequired();
            e.Property(d => d.TargetsJson).IsRequired();
            e.Property(d => d.State).HasMaxLength(16).IsRequired();
            e.Property(d => d.StartedBy).HasMaxLength(256).IsRequired();
            e.Property(d => d.EndedBy).HasMaxLength(256);
            e.Property(d => d.Origin).HasMaxLength(16).IsRequired();
            e.HasIndex(d => d.StartedAt);
            e.HasIndex(d => d.State);
        });
        builder.Entity<IncidentRecord>(e =>
        {
            e.ToTable("incidents");
            e.HasKey(i => i.Id);
            e.Property(i => i.Title).HasMaxLength(200).IsRequired();
            e.Property(i => i.State).HasMaxLength(16).IsRequired();
            e.Property(i => i.OpenedBy).HasMaxLength(256).IsRequired();
            e.Property(i => i.GroupKey).HasMaxLength(400);
            e.Property(i => i.Cause).HasMaxLength(32);
            e.Property(i => i.CauseDevice).HasMaxLength(16);
            e.Property(i => i.CauseLeak).HasMaxLength(32);
            e.Property(i => i.RootCause).HasMaxLength(2000);
            e.HasIndex(i => i.OpenedAt);
            e.HasIndex(i => i.State);
            e.HasIndex(i => i.GroupKey);
        });
        builder.Entity<InventoryRevision>(e =>
        {
            e.ToTable("inventory_revision");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.ChangedBy).HasMaxLength(256);
        });
    }
}

/// <summary>The SQLite flavour (its own migrations in <c>State/Migrations/Sqlite</c>).</summary>
public sealed class SqliteNetOpsDbContext(DbContextOptions<SqliteNetOpsDbContext> options) : NetOpsDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text; store UTC ticks instead.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetTicksConverter>();
    }
}

/// <summary>The PostgreSQL flavour (its own migrations in <c>State/Migrations/Postgres</c>).</summary>
public sealed class PostgresNetOpsDbContext(DbContextOptions<PostgresNetOpsDbContext> options) : NetOpsDbContext(options);
