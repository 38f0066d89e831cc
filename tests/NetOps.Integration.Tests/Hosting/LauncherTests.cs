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
}
