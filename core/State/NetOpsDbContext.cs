using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NetOps.Core.Advisories.Storage;
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
    /// <summary>The advisory contacts of the local governments (the CEPTOAR broadcast's directory).</summary>
    public DbSet<AdvisoryContactRecord> AdvisoryContacts => Set<AdvisoryContactRecord>();
    /// <summary>CEPTOAR advisories with their four-eyes state.</summary>
    public DbSet<AdvisoryRecord> Advisories => Set<AdvisoryRecord>();
    /// <summary>One row per advisory and recipient: the delivery outbox and the acknowledgements.</summary>
    public DbSet<AdvisoryOutboxRecord> AdvisoryOutbox => Set<AdvisoryOutboxRecord>();

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
        builder.Entity<AdvisoryContactRecord>(e =>
        {
            e.ToTable("advisory_contacts");
            e.HasKey(c => c.Id);
            e.Property(c => c.Code).HasMaxLength(6).IsRequired();
            e.Property(c => c.Address).HasMaxLength(254).IsRequired();
            e.Property(c => c.Role).HasMaxLength(100).IsRequired();
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
            e.Property(o => o.LastError).HasMaxLength(1000);
            e.Property(o => o.MessageId).HasMaxLength(200).IsRequired();
            e.Property(o => o.ClaimedBy).HasMaxLength(100);
            e.Property(o => o.AcknowledgedFrom).HasMaxLength(64);
            e.HasIndex(o => new { o.AdvisoryId, o.Address }).IsUnique();
            e.HasIndex(o => new { o.State, o.NextAttemptAt });
            e.HasIndex(o => o.ClaimedBy);
            e.HasOne<AdvisoryRecord>().WithMany().HasForeignKey(o => o.AdvisoryId).OnDelete(DeleteBehavior.Cascade);
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
