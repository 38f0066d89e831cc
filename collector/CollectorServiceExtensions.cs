using Microsoft.Extensions.Hosting;
using NetOps.Collector.Capture;
using NetOps.Collector.Flows;
using NetOps.Collector.Snmp;
using NetOps.Collector.Syslog;
using NetOps.Core.Hosting;

namespace NetOps.Collector;

/// <summary>Composition of the collector role.</summary>
public static class CollectorServiceExtensions
{
    /// <summary>Adds the collectors when this process runs the <c>collector</c> role.</summary>
    public static IHostApplicationBuilder AddCollector(this IHostApplicationBuilder builder)
    {
        if (!builder.HasRole(NetOpsRoles.Collector)) return builder;
        builder.AddSyslog();  // UDP and TCP on Collector:Syslog:Port, TLS on Collector:Syslog:Tls:Port
        builder.AddFlows();   // NetFlow/IPFIX on Collector:NetFlow:Port and Collector:Ipfix:Port
        builder.AddCapture(); // live capture, only when Collector:Capture:Interface is set
        builder.AddSnmp();    // IF-MIB polling of inventory devices with snmp, traps on Collector:Snmp:TrapPort
        return builder;
    }
}
