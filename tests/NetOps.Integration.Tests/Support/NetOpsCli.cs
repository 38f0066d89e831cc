using System.Diagnostics;

namespace NetOps.Integration.Tests.Support;

/// <summary>The administration verbs (<c>NetOps.dll user|audit|db|inventory …</c>) run as a separate process, as an operator runs them.</summary>
public static class NetOpsCli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public Result EnsureSuccess() => ExitCode == 0 ? this : throw new InvalidOperationException($"netops exited {ExitCode}: {Stderr}{Stdout}");
    }

    public static async Task<Result> RunAsync(string dataDir, string[] args, string? stdin = null, params string[] extra)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
            WorkingDirectory = dataDir,
        };
        psi.ArgumentList.Add(NetOpsProcess.HostDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add($"--DataDir={dataDir}");
        foreach (var a in extra) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        Directory.CreateDirectory(dataDir);
        using var p = Process.Start(psi)!;
        if (stdin is not null) await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await p.WaitForExitAsync(cts.Token);
        return new Result(p.ExitCode, await stdout, await stderr);
    }

    /// <summary>Creates a user with a known password and returns a bearer token for it.</summary>
    public static async Task<string> UserWithTokenAsync(string dataDir, string name, string roles, string password = "correct-horse-battery", string[]? extra = null)
    {
        (await RunAsync(dataDir, ["user", "add", name, "--role", roles, "--password-stdin"], password + "\n", extra ?? [])).EnsureSuccess();
        return (await RunAsync(dataDir, ["user", "token", name, "--days", "1"], null, extra ?? [])).EnsureSuccess().Stdout.Trim();
    }
}
