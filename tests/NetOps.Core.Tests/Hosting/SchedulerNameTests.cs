using NetOps.Core.Hosting;

namespace NetOps.Core.Tests.Hosting;

public sealed class SchedulerNameTests
{
    [Fact]
    public void Nodes_that_run_different_scheduled_parts_never_share_a_clustered_scheduler()
    {
        Assert.Equal("netops", CoreServiceExtensions.SchedulerName(NetOpsRoles.All));
        Assert.Equal("netops-platform", CoreServiceExtensions.SchedulerName(NetOpsRoles.Collector | NetOpsRoles.Dashboard));
        Assert.Equal("netops-analyzer", CoreServiceExtensions.SchedulerName(NetOpsRoles.Analyzer | NetOpsRoles.Dashboard));
        Assert.Equal(CoreServiceExtensions.SchedulerName(NetOpsRoles.Analyzer), CoreServiceExtensions.SchedulerName(NetOpsRoles.Analyzer | NetOpsRoles.Collector));
        Assert.Equal("netops-alerting-broadcast", CoreServiceExtensions.SchedulerName(NetOpsRoles.Alerting | NetOpsRoles.Broadcast));
    }
}
