using System.Diagnostics;

namespace ChampionNetwork.EndToEnd.Tests.Conformance;

/// <summary>
/// The npm clients in tests/Conformance, run as a person would run them. A missing Node.js or an uninstalled
/// client fails the test with what to do: a conformance check is never skipped.
/// </summary>
internal static class ConformanceClients
{
    public static string Folder { get; } = FindFolder();

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string client, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(Folder, "node_modules", ".bin", client);
        Assert.True(
            File.Exists(executable),
            $"{executable} is not installed. Install Node.js 20.19+ and npm, then run: npm ci --prefix tests/Conformance (./test.sh does this).");

        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["REDOCLY_TELEMETRY"] = "off",
                ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true",
                ["NO_COLOR"] = "1",
                ["CI"] = "true",
            },
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{client} did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            // The client is a node script: without node on PATH it cannot start.
            Assert.Fail($"{client} could not start ({ex.Message}): is Node.js 20.19+ installed and on PATH?");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return (process.ExitCode, await stdout, await stderr);
        }
    }

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Conformance");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No tests/Conformance/package-lock.json above {AppContext.BaseDirectory}.");
    }
}
