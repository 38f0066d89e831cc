using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Core.Audit;
using NetOps.Core.Hosting;
using NetOps.Core.Identity;
using NetOps.Core.Inventory;
using NetOps.Core.Inventory.Storage;
using Quartz;

namespace NetOps.Core.State;

/// <summary>The state DB, Identity's stores, the audit chain, the live inventory and Quartz's persistent store.</summary>
public static class StateDbServiceExtensions
{
    public static IHostApplicationBuilder AddStateDb(this IHostApplicationBuilder builder, bool scheduler = true, string schedulerName = "netops")
    {
        var services = builder.Services;
        services.AddOptions<StateDbOptions>().BindConfiguration(StateDbOptions.Section).ValidateKeys(StateDbOptions.Section);
        // Resolved here, once, for the contexts and Quartz alike: a missing connection string stops the start as one
        // line naming the key, before any service is built.
        var options = new StateDbOptions();
        builder.Configuration.GetSection(StateDbOptions.Section).Bind(options);
        var connection = StateDbConnection.From(options, Path.GetFullPath(builder.Configuration["DataDir"] ?? "./data"));
        services.TryAddSingleton(connection);
        services.TryAddSingleton<IDbContextFactory<NetOpsDbContext>, StateDbContextFactory>();
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<NetOpsDbContext>>().CreateDbContext());
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<InventoryRepository>();
        services.TryAddSingleton<StateDbInitializer>();
        // Built once, at first use (start-up validation or the first part that needs it): migrate, seed, load.
        // The only blocking wait on I/O in NetOps, at start, with no synchronisation context to deadlock on.
        services.TryAddSingleton(sp => LiveInventory.LoadAsync(
            sp.GetRequiredService<StateDbInitializer>(), sp.GetRequiredService<InventoryRepository>(),
            sp.GetRequiredService<ILogger<LiveInventory>>()).GetAwaiter().GetResult());
        services.TryAddSingleton<IInventorySource>(sp => sp.GetRequiredService<LiveInventory>());
        services.AddHealthChecks().AddCheck<StateDbHealthCheck>("statedb");

        // Cookies, Identity's tokens and signed links share one key ring, kept in the state DB: every node behind one
        // name (PostgreSQL) reads a cookie that another node issued.
        services.AddDataProtection().SetApplicationName("NetOps").PersistKeysToDbContext<NetOpsDbContext>();
        services.AddIdentityCore<NetOpsUser>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<NetOpsDbContext>()
            .AddDefaultTokenProviders();
        services.TryAddScoped<UserAdministration>();
        services.TryAddScoped<ApiTokenService>();
        services.TryAddSingleton<NetOps.Core.Detections.DetectionStore>();
        services.TryAddSingleton<NetOps.Core.Detections.IDetectionSink>(sp => sp.GetRequiredService<NetOps.Core.Detections.DetectionStore>());
        services.TryAddSingleton<NetOps.Core.Sites.SiteStateStore>();
        services.TryAddSingleton<NetOps.Core.Drills.DrillStore>();

        if (scheduler) builder.AddScheduler(connection, schedulerName);
        return builder;
    }

    /// <summary>
    /// Quartz with its AdoJobStore in the state DB: clustered on PostgreSQL, so that a job fires once across all
    /// nodes and a lost node's work moves to another; a single node's store on SQLite.
    /// </summary>
    private static void AddScheduler(this IHostApplicationBuilder builder, StateDbConnection connection, string schedulerName)
    {
        builder.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = schedulerName;
                // A node that takes over a lost node's triggers looks again every 5 s rather than Quartz's 30.
                s.IdleWaitTime = TimeSpan.FromSeconds(5);
            });
            q.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                // Quartz creates its own qrtz_ tables in the state DB when they are missing, then checks them.
                store.ProvisionSchema();
                if (connection.IsPostgres)
                {
                    store.UsePostgres(connection.ConnectionString);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(10);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(30);
                    });
                }
                else
                {
                    store.UseSqlite(connection.ConnectionString);
                }
            });
            q.AddJob<AuditVerifyJob>(j => j.WithIdentity(AuditVerifyJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(AuditVerifyJob.Key).WithIdentity("audit-verify-hourly", "platform")
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(1))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(1)).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        builder.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AwaitApplicationStarted = true;
        });
    }
}
