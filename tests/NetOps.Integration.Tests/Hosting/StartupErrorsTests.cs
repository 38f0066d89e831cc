using System.Net.Sockets;
using Microsoft.Extensions.Options;
using NetOps.Core.Hosting;
using NetOps.Core.Inventory;
using NetOps.Dashboard.Hosting;

namespace NetOps.Integration.Tests.Hosting;

public sealed class StartupErrorsTests
{
    public static TheoryData<Exception> ConfigurationErrors => new()
    {
        new OptionsValidationException("Collector:Syslog", typeof(object), ["Collector:Syslog:Port 70000 is out of range"]),
        new InventoryException("inventory.json: sites[0]: code \"352011\" has a wrong check digit"),
        new NetOpsConfigurationException("Collector:Syslog:Port", "Collector:Syslog:Port 5514/tcp on 127.0.0.1: Address already in use"),
        new InvalidOperationException("Dashboard:Url 'ftp://x' is not an http:// or https:// URL"),
        new InvalidOperationException("Failed to convert configuration value at 'Collector:Syslog:Port' to type 'System.Int32'.", new FormatException("x")),
        new FormatException("Roles: unknown role 'toaster' (expected collector, …)"),
        new FormatException("Could not parse the JSON file."),
        new FileNotFoundException("--config: file '/etc/netops.json' does not exist"),
        new FileNotFoundException("The configuration file 'site.json' was not found and is not optional."),
        new IOException("Failed to bind to address http://127.0.0.1:5080: address already in use."),
        new AggregateException(new OptionsValidationException("Influx", typeof(object), ["Influx:Url is required"])),
    };

    public static TheoryData<Exception> Bugs => new()
    {
        new InvalidOperationException("Sequence contains no elements"),
        new InvalidOperationException("The InfluxDB point writer has stopped"),
        new InvalidOperationException("Collection was modified; enumeration operation may not execute."),
        new FormatException("Input string was not in a correct format."),
        new FileNotFoundException("Could not load file or assembly 'SharpPcap'"),
        new NullReferenceException(),
        new SocketException(98),
        new AggregateException(new OptionsValidationException("Influx", typeof(object), ["Influx:Url is required"]), new NullReferenceException()),
        new AggregateException(),
    };

    [Theory]
    [MemberData(nameof(ConfigurationErrors))]
    public void Configuration_and_start_up_validation_errors_get_one_line(Exception e) => Assert.True(StartupErrors.IsConfigurationError(e), e.Message);

    [Theory]
    [MemberData(nameof(Bugs))]
    public void Other_exceptions_are_bugs_and_keep_their_stack_trace(Exception e) => Assert.False(StartupErrors.IsConfigurationError(e), e.Message);
}
