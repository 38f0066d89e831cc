using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NetOps.Core.Audit;
using NetOps.Core.Identity;
using NetOps.Core.Inventory.Storage;

namespace NetOps.Core.State;

/// <summary>
/// The platform's tables in the state DB: people (Identity), API tokens, the audit chain and the inventory.
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
