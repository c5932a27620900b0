using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Cluster.TestSupport.Postgres;

/// <summary>A throwaway PostgreSQL server for tests: initdb into a temp folder, postgres on a free loopback port
/// (trust auth, fsync off), a fresh database per test on demand, everything stopped and deleted on dispose.
/// Use it as an xunit class/collection fixture, or share one per test process through <see cref="GetSharedAsync"/>.
/// Missing binaries fail the test with install instructions: PostgreSQL tests never skip.</summary>
public sealed class PostgresServer : IAsyncLifetime, IAsyncDisposable, IDisposable
{
    /// <summary>The database role the server is created with (superuser, no password).</summary>
    public const string SuperUser = "postgres";

    private const string TempPrefix = "cluster-pg-";
    private const string OwnerFile = "owner.pid";

    private static readonly object SharedLock = new();
    private static Task<PostgresServer>? shared;

    private string? directory;
    private string? binDirectory;
    private string? runAsUser;
    private int disposed;

    /// <summary>The loopback TCP port the server listens on (valid once started).</summary>
    public int Port { get; private set; }

    /// <summary>A connection string to the server's <c>postgres</c> database as superuser.</summary>
    public string AdminConnectionString => ConnectionStringFor("postgres");

    /// <summary>One server for the whole test process, started on first use and stopped when the process exits.</summary>
    public static Task<PostgresServer> GetSharedAsync()
    {
        lock (SharedLock)
        {
            if (shared is null || shared.IsFaulted || shared.IsCanceled)
            {
                shared = StartSharedAsync();
            }
            return shared;
        }
    }

    private static async Task<PostgresServer> StartSharedAsync()
    {
        var server = new PostgresServer();
        await server.StartAsync().ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }

    public Task InitializeAsync() => StartAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Creates the data folder and starts the server (done by xunit when used as a fixture).</summary>
    public async Task StartAsync()
    {
        if (directory is not null)
        {
            return;
        }
        binDirectory = FindBinDirectory();
        runAsUser = Environment.IsPrivilegedProcess ? EnsureUnprivilegedUser() : null;
        RemoveLeftoversOfDeadRuns();
        // As root the server runs as another user, who may not enter a private TMPDIR: use /tmp then.
        var tempRoot = runAsUser is null ? Path.GetTempPath() : "/tmp";
        directory = Path.Combine(tempRoot, TempPrefix + Guid.NewGuid().ToString("N")[..12]);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        await File.WriteAllTextAsync(Path.Combine(directory, OwnerFile), Environment.ProcessId.ToString()).ConfigureAwait(false);
        if (runAsUser is not null)
        {
            Run("chown", ["-R", runAsUser, directory], asUser: false);
        }
        var data = Path.Combine(directory, "data");
        Run(Path.Combine(binDirectory, "initdb"),
            ["-D", data, "-U", SuperUser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);
        // A free port can be taken between our probe and postgres' bind: try a few.
        Exception? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Port = FreeLoopbackPort();
            try
            {
                Run(Path.Combine(binDirectory, "pg_ctl"),
                [
                    "-D", data, "-l", Path.Combine(directory, "postgres.log"), "-w", "-t", "60",
                    "-o", $"-p {Port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
                          "-c full_page_writes=off -c max_connections=400 -c shared_buffers=32MB",
                    "start",
                ]);
                await WaitUntilReadyAsync().ConfigureAwait(false);
                StartWatchdog(directory, data);
                return;
            }
            catch (InvalidOperationException e)
            {
                last = e;
            }
        }
        var log = ReadLog();
        await DisposeAsync().ConfigureAwait(false);
        throw new InvalidOperationException($"PostgreSQL test server did not start: {last?.Message}\n{log}", last);
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        return ConnectionStringFor(name);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its connections.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
        Timeout = 30,
    }.ConnectionString;

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1 || directory is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        Stop(directory);
    }

    private void Stop(string folder)
    {
        var data = Path.Combine(folder, "data");
        if (binDirectory is not null && File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try
            {
                Run(Path.Combine(binDirectory, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Already stopped: deleting the folder is all that is left.
            }
        }
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The test host may be killed before its exit handlers finish (or crash): a detached shell waits for
    /// this process to end, then stops the server and deletes its folder.</summary>
    private static void StartWatchdog(string folder, string data)
    {
        var script =
            $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; " +
            $"if [ -f '{data}/postmaster.pid' ]; then pid=$(head -1 '{data}/postmaster.pid'); kill -QUIT \"$pid\" 2>/dev/null; " +
            "i=0; while kill -0 \"$pid\" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; fi; " +
            $"rm -rf '{folder}'";
        // The outer shell exits at once, so the watchdog is re-parented and outlives the test host's process tree.
        var start = new ProcessStartInfo("sh") { UseShellExecute = false, WorkingDirectory = "/" };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("nohup sh -c \"$0\" >/dev/null 2>&1 </dev/null &");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start);
        process?.WaitForExit();
    }

    /// <summary>Stops servers whose test process died without disposing them (killed runs, debugger stops).</summary>
    private void RemoveLeftoversOfDeadRuns()
    {
        foreach (var folder in new[] { Path.GetTempPath(), "/tmp" }.Distinct().Where(Directory.Exists)
                     .SelectMany(root => Directory.EnumerateDirectories(root, TempPrefix + "*")))
        {
            try
            {
                var ownerFile = Path.Combine(folder, OwnerFile);
                if (File.Exists(ownerFile) && int.TryParse(File.ReadAllText(ownerFile), out var pid) && !Directory.Exists($"/proc/{pid}"))
                {
                    Stop(folder);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
            }
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString + ";Pooling=false");
                await connection.OpenAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }

    private string ReadLog()
    {
        try
        {
            return directory is null ? "" : File.ReadAllText(Path.Combine(directory, "postgres.log"));
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string FindBinDirectory()
    {
        var candidates = new List<string>();
        try
        {
            var bindir = Capture("pg_config", ["--bindir"]).Trim();
            if (bindir.Length > 0)
            {
                candidates.Add(bindir);
            }
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // pg_config not on PATH: look where Debian and Ubuntu install the server.
        }
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.EnumerateDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }
        foreach (var candidate in candidates)
        {
            if (File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")) && File.Exists(Path.Combine(candidate, "postgres")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found, so the PostgreSQL tests cannot run. " +
            "Install them (Debian/Ubuntu: `sudo apt-get install postgresql-15`; Fedora: `sudo dnf install postgresql-server`; " +
            "macOS: `brew install postgresql@15`) and make sure `pg_config --bindir` names their folder " +
            "(put pg_config on PATH) or that they live under /usr/lib/postgresql/<version>/bin. " +
            $"Looked in: {(candidates.Count == 0 ? "(no candidates)" : string.Join(", ", candidates))}.");
    }

    /// <summary>initdb and postgres refuse to run as root: as root, run them as the <c>postgres</c> system user,
    /// or create an unprivileged one for the tests.</summary>
    private static string EnsureUnprivilegedUser()
    {
        foreach (var user in new[] { "postgres", "cluster-pgtest" })
        {
            if (TryRun("id", ["-u", user]))
            {
                return user;
            }
        }
        Run("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "cluster-pgtest"], asUser: false, runAs: null);
        return "cluster-pgtest";
    }

    private void Run(string fileName, IReadOnlyList<string> arguments, bool asUser = true) =>
        Run(fileName, arguments, asUser, runAsUser);

    private static void Run(string fileName, IReadOnlyList<string> arguments, bool asUser, string? runAs)
    {
        var (exitCode, output) = Execute(fileName, arguments, asUser ? runAs : null);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} exited with {exitCode}: {output}");
        }
    }

    private static bool TryRun(string fileName, IReadOnlyList<string> arguments)
    {
        try
        {
            return Execute(fileName, arguments, null).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string Capture(string fileName, IReadOnlyList<string> arguments)
    {
        var (exitCode, output) = Execute(fileName, arguments, null);
        return exitCode == 0 ? output : throw new InvalidOperationException($"{fileName} exited with {exitCode}: {output}");
    }

    private static (int ExitCode, string Output) Execute(string fileName, IReadOnlyList<string> arguments, string? runAs)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The server runs in a temp folder another user may not be allowed to enter from ours.
            WorkingDirectory = "/",
        };
        if (runAs is null)
        {
            start.FileName = fileName;
        }
        else
        {
            start.FileName = File.Exists("/usr/sbin/runuser") || File.Exists("/sbin/runuser") ? "runuser" : "su";
            if (start.FileName == "runuser")
            {
                start.ArgumentList.Add("-u");
                start.ArgumentList.Add(runAs);
                start.ArgumentList.Add("--");
                start.ArgumentList.Add(fileName);
            }
            else
            {
                // su: one shell command line, every argument single-quoted.
                start.ArgumentList.Add("-s");
                start.ArgumentList.Add("/bin/sh");
                start.ArgumentList.Add(runAs);
                start.ArgumentList.Add("-c");
                start.ArgumentList.Add(string.Join(' ', new[] { fileName }.Concat(arguments).Select(a => "'" + a.Replace("'", "'\\''") + "'")));
                arguments = [];
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} did not finish within 2 minutes");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
