using System.Diagnostics;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Hosting;

/// <summary>
/// The <c>./netops</c> launcher itself, run by bash. Its own logic is under test, so the programs it hands over to
/// (<c>dotnet</c>, <c>apt-get</c>, <c>dpkg-query</c>) are stubs first on PATH that record how they were called.
/// </summary>
public sealed class LauncherTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-launcher-").FullName;
    private readonly string _stubs;
    private readonly string _log;

    public LauncherTests()
    {
        _stubs = Directory.CreateDirectory(Path.Combine(_dir, "stubs")).FullName;
        _log = Path.Combine(_dir, "calls.log");
        Stub("dotnet", "echo \"dotnet $*\" >> \"$STUB_LOG\"\nexit 0");
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private void Stub(string name, string body)
    {
        var path = Path.Combine(_stubs, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private string Calls => File.Exists(_log) ? File.ReadAllText(_log) : "";

    private Task<(int Code, string Stderr)> RunAsync(string script, string workingDirectory, params string[] args) =>
        RunAsync(script, workingDirectory, ("NETOPS_LAUNCHER_TEST", "1"), args);

    private async Task<(int Code, string Stderr)> RunAsync(string script, string workingDirectory, (string Name, string Value) env, params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["PATH"] = _stubs + ":" + Environment.GetEnvironmentVariable("PATH");
        psi.Environment["STUB_LOG"] = _log;
        psi.Environment.Remove("NETOPS_TEST_DATA");
        psi.Environment.Remove("NETOPS_SHARED_DATA");
        psi.Environment[env.Name] = env.Value;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await p.WaitForExitAsync(cts.Token);
        await stdout;
        return (p.ExitCode, await stderr);
    }

    private static string RepositoryScript => Path.Combine(SharedData.RepositoryRoot, "netops");

    [Fact]
    public async Task Run_resolves_a_relative_config_file_against_the_directory_it_was_run_from()
    {
        var caller = Directory.CreateDirectory(Path.Combine(_dir, "site")).FullName;
        var (code, stderr) = await RunAsync(RepositoryScript, caller, "run", "--config", "collector.json", "--config=other.json");
        Assert.True(code == 0, stderr);
        var host = Calls.Split('\n').Single(l => l.Contains("NetOps.dll", StringComparison.Ordinal));
        Assert.Contains($"--config {caller}/collector.json", host);
        Assert.Contains($"--config={caller}/other.json", host);
    }

    [Fact]
    public async Task Test_without_the_shared_corpus_stops_at_once_with_one_line_naming_what_is_missing_and_where_it_goes()
    {
        // A clone with nothing beside it: no ../shared/data.
        var clone = Directory.CreateDirectory(Path.Combine(_dir, "clone")).FullName;
        File.Copy(RepositoryScript, Path.Combine(clone, "netops"));

        var (code, stderr) = await RunAsync(Path.Combine(clone, "netops"), clone, "test");

        Assert.NotEqual(0, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("test data missing", line);
        Assert.Contains($"{_dir}/shared/data", line);
        Assert.Contains("NETOPS_TEST_DATA", line);
        Assert.Equal("", Calls); // nothing was built or run
    }

    [Fact]
    public async Task A_ctrl_c_during_apt_get_does_not_leave_policy_rc_d_behind()
    {
        // The launcher's policy file moved into the test's folder (NETOPS_POLICY_RC_D): the machine's own is never touched.
        var policy = Path.Combine(_dir, "policy-rc.d");
        // dpkg-query says nothing is installed, so the launcher runs apt-get, which is interrupted as a Ctrl-C does it:
        // the terminal's SIGINT reaches both apt-get and the launcher.
        Stub("dpkg-query", "exit 1");
        Stub("apt-get", $"[ -e {policy} ] && echo \"apt-get saw policy-rc.d\" >> \"$STUB_LOG\"\nkill -INT $PPID\nkill -INT $$\nsleep 5");

        var (code, _) = await RunAsync(RepositoryScript, _dir, ("NETOPS_POLICY_RC_D", policy), "ensure_deps", "run");

        Assert.Contains("apt-get saw policy-rc.d", Calls);
        Assert.NotEqual(0, code);
        Assert.False(File.Exists(policy), "policy-rc.d was left behind");
    }

    [Fact]
    public async Task The_demo_stops_the_simulator_then_waits_for_netops_to_finish_writing_and_only_then_stops_influxdb()
    {
        // The launcher's own stop path (demo_cleanup), on three stand-in processes started in the demo's order. The
        // stand-in NetOps takes 12 s to finish after SIGTERM (its writer flushing the last batches): longer than the
        // 10 s every other process gets, as the demo gave NetOps before issue 8.
        var script = Path.Combine(_dir, "netops");
        File.Copy(RepositoryScript, script); // its ROOT is then the test's folder: demo_cleanup's clean-up stays in there
        var order = Path.Combine(_dir, "order.log");
        foreach (var name in new[] { "influxd", "simulator" })
            File.WriteAllText(Path.Combine(_dir, $"fake-{name}.sh"), $"trap 'echo \"{name} TERM\" >> \"$ORDER\"; exit 0' TERM\nwhile :; do sleep 0.1; done\n");
        File.WriteAllText(Path.Combine(_dir, "fake-NetOps.sh"),
            "trap 'echo \"NetOps TERM\" >> \"$ORDER\"; sleep 12; echo \"NetOps flushed\" >> \"$ORDER\"; exit 0' TERM\nwhile :; do sleep 0.1; done\n");
        var runner = Path.Combine(_dir, "stop-demo.sh");
        File.WriteAllText(runner, """
            source ./netops >/dev/null
            bash fake-influxd.sh & influx=$!
            bash fake-NetOps.sh & host=$!
            bash fake-simulator.sh & sim=$!
            sleep 0.5
            DEMO_PIDS=("$influx" "$host" "$sim"); DEMO_NAMES=(influxd NetOps simulator); DEMO_WAITS=(10 "$NETOPS_STOP_SECONDS" 10)
            demo_cleanup
            """);

        var (code, stderr) = await RunAsync(runner, _dir, ("ORDER", order));

        Assert.Equal(0, code);
        Assert.DoesNotContain("killing it", stderr);
        Assert.Equal(["simulator TERM", "NetOps TERM", "NetOps flushed", "influxd TERM"], File.ReadAllLines(order));
        // And the grace covers the host's own shutdown timeout (the parts' StopAsync, the writer's 10 s flush included).
        var grace = File.ReadLines(script).Select(l => l.Trim()).First(l => l.StartsWith("NETOPS_STOP_SECONDS=", StringComparison.Ordinal));
        Assert.True(int.Parse(grace["NETOPS_STOP_SECONDS=".Length..], System.Globalization.CultureInfo.InvariantCulture)
            > new Microsoft.Extensions.Hosting.HostOptions().ShutdownTimeout.TotalSeconds, grace);
    }
}
