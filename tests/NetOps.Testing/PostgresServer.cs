using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace NetOps.Testing;

/// <summary>
/// A real PostgreSQL cluster on 127.0.0.1 with its data, unix socket and log under a temporary directory: Debian's
/// <c>initdb</c> and <c>pg_ctl</c> from <c>/usr/lib/postgresql/*/bin</c> (the newest; <c>NETOPS_POSTGRES_BIN</c>
/// names another directory). PostgreSQL refuses to run as root, so as root the cluster belongs to the OS user
/// <c>postgres</c> (<c>NETOPS_POSTGRES_USER</c>) and every command runs through <c>runuser</c>. Tests connect as the
/// superuser <see cref="User"/> (trust authentication, loopback only) to databases from <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    /// <summary>The superuser tests connect as.</summary>
    public const string User = "netops";

    private const string DirectoryPrefix = "netops-postgres-";
    private const string OwnerFile = "owner.pid";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly string _bin;
    private readonly string? _runAs;
    private readonly string _dataDirectory;
    private readonly string _logPath;
    private bool _running;

    private PostgresServer(string bin, string? runAs, string root, int port)
    {
        _bin = bin;
        _runAs = runAs;
        RootDirectory = root;
        Port = port;
        _dataDirectory = Path.Combine(root, "data");
        _logPath = Path.Combine(root, "postgres.log");
    }

    /// <summary>The temporary directory holding the cluster, its socket and its log.</summary>
    public string RootDirectory { get; }

    public int Port { get; }

    /// <summary>The OS user the cluster runs as (null: the current user).</summary>
    public string? OsUser => _runAs;

    /// <summary>Initialises a cluster and starts it; throws, saying what to install, when PostgreSQL is missing.</summary>
    public static async Task<PostgresServer> StartNewAsync(CancellationToken cancellationToken = default)
    {
        await StopAbandonedClustersAsync();
        var server = Create();
        try
        {
            await server.InitializeAsync(cancellationToken);
            await server.StartAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A connection string for <paramref name="database"/> (Npgsql, pooled).</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = User,
        Database = database,
        IncludeErrorDetail = true,
        Timeout = 30,
        CommandTimeout = 60,
    }.ToString();

    /// <summary>Creates an empty database and returns its connection string. Names are lower-case letters, digits and '_'.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!DatabaseName().IsMatch(name))
            throw new ArgumentException($"database name '{name}' must be lower-case letters, digits and '_' (at most 63)", nameof(name));
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    /// <summary>Starts the cluster (again, after <see cref="StopAsync"/>) and waits until it accepts connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_running) return;
        var (code, output) = await RunAsync("pg_ctl", ["-D", _dataDirectory, "-l", _logPath, "-w", "-t", "60", "start"], cancellationToken);
        if (code != 0)
            throw new InvalidOperationException($"pg_ctl start failed ({code}): {output}\nlog:\n{LogTail()}");
        _running = true;
    }

    /// <summary>Stops the cluster (fast shutdown: open sessions are ended); its data stays.</summary>
    public async Task StopAsync()
    {
        if (!_running) return;
        _running = false;
        var (code, output) = await RunAsync("pg_ctl", ["-D", _dataDirectory, "-m", "fast", "-w", "-t", "30", "stop"], CancellationToken.None);
        if (code != 0)
        {
            // A fast stop waits for nothing but may be refused while the cluster starts; immediate never is.
            (code, output) = await RunAsync("pg_ctl", ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None);
            if (code != 0) throw new InvalidOperationException($"pg_ctl stop failed ({code}): {output}");
        }
    }

    /// <summary>The last lines of the server log.</summary>
    public string LogTail(int lines = 40)
    {
        try
        {
            using var fs = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(fs);
            return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lines));
        }
        catch (IOException) { return "(no log)"; }
        catch (UnauthorizedAccessException) { return "(no log)"; }
    }

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); }
        catch (InvalidOperationException) { }
        DeleteDirectory(RootDirectory);
    }

    private static PostgresServer Create()
    {
        var bin = FindBinaries();
        string? runAs = null;
        if (Environment.IsPrivilegedProcess)
        {
            runAs = Environment.GetEnvironmentVariable("NETOPS_POSTGRES_USER") is { Length: > 0 } u ? u : "postgres";
            if (!File.Exists("/usr/sbin/runuser") && !File.Exists("/usr/bin/runuser"))
                throw new InvalidOperationException("PostgreSQL cannot run as root and runuser (util-linux) is missing to run it as another user");
        }
        var root = Directory.CreateTempSubdirectory(DirectoryPrefix).FullName;
        File.WriteAllText(Path.Combine(root, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return new PostgresServer(bin, runAs, root, TestPorts.Next());
    }

    private static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("NETOPS_POSTGRES_BIN") is { Length: > 0 } configured)
        {
            if (!File.Exists(Path.Combine(configured, "initdb")) || !File.Exists(Path.Combine(configured, "pg_ctl")))
                throw new InvalidOperationException($"NETOPS_POSTGRES_BIN={configured}: no initdb and pg_ctl there");
            return configured;
        }
        const string root = "/usr/lib/postgresql";
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(c => File.Exists(Path.Combine(c.Dir, "initdb")) && File.Exists(Path.Combine(c.Dir, "pg_ctl")))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Dir)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL not found (no initdb and pg_ctl under /usr/lib/postgresql/*/bin); run `./netops test`, which installs " +
            "the Debian package postgresql, or set NETOPS_POSTGRES_BIN to the directory holding initdb and pg_ctl");
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_runAs is not null)
        {
            var (chown, chownOutput) = await RunProcessAsync("chown", [$"{_runAs}:", RootDirectory], cancellationToken);
            if (chown != 0) throw new InvalidOperationException($"chown {_runAs}: {RootDirectory} failed ({chown}): {chownOutput} (is there an OS user '{_runAs}'? set NETOPS_POSTGRES_USER)");
        }
        var (code, output) = await RunAsync("initdb",
            ["-D", _dataDirectory, "-U", User, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync", "--no-instructions"],
            cancellationToken);
        if (code != 0) throw new InvalidOperationException($"initdb failed ({code}): {output}");
        // The server is a throw-away: durability costs time and buys nothing. Loopback and a private socket only.
        var settings = string.Create(CultureInfo.InvariantCulture, $"""

            # NetOps tests
            port = {Port}
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{RootDirectory}'
            max_connections = 300
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            log_min_messages = warning
            log_min_error_statement = panic
            log_line_prefix = '%m [%p] %d '

            """);
        await File.AppendAllTextAsync(Path.Combine(_dataDirectory, "postgresql.conf"), settings, cancellationToken);
    }

    private Task<(int ExitCode, string Output)> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_bin, tool);
        return _runAs is null
            ? RunProcessAsync(path, arguments, cancellationToken)
            : RunProcessAsync("runuser", ["-u", _runAs, "--", path, .. arguments], cancellationToken);
    }

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // runuser keeps the environment; a cwd the postgres user cannot enter makes initdb complain.
            WorkingDirectory = "/",
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        using var process = new Process { StartInfo = psi };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested) throw;
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {CommandTimeout.TotalSeconds} s");
        }
        lock (output) return (process.ExitCode, output.ToString().Trim());
    }

    /// <summary>
    /// Clusters left running by a test process that was killed (a hung run aborted by <c>./netops test</c>) would hold
    /// their ports and disk for good; stop and delete those whose owner is gone.
    /// </summary>
    private static async Task StopAbandonedClustersAsync()
    {
        string[] roots;
        try { roots = Directory.GetDirectories(Path.GetTempPath(), DirectoryPrefix + "*"); }
        catch (IOException) { return; }
        foreach (var root in roots)
        {
            var owner = Path.Combine(root, OwnerFile);
            if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (pid == Environment.ProcessId || Directory.Exists($"/proc/{pid}")) continue;
            var data = Path.Combine(root, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                try
                {
                    var bin = FindBinaries();
                    var runAs = Environment.IsPrivilegedProcess ? (Environment.GetEnvironmentVariable("NETOPS_POSTGRES_USER") is { Length: > 0 } u ? u : "postgres") : null;
                    var server = new PostgresServer(bin, runAs, root, 0);
                    await server.RunAsync("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"], CancellationToken.None);
                }
                catch (InvalidOperationException) { }
                catch (TimeoutException) { }
            }
            DeleteDirectory(root);
        }
    }

    private static void DeleteDirectory(string path)
    {
        try { Directory.Delete(path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
