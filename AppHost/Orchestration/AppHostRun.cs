using System.Runtime.InteropServices;
using ChampionNetwork.AppHost.Terminal;
using ChampionNetwork.AppHost.Identity;
using ChampionNetwork.AppHost.Model;
using ChampionNetwork.AppHost.Provisioning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ChampionNetwork.AppHost.Orchestration;

/// <summary>One run of the AppHost: data folder, identity, signals, then the orchestrator.</summary>
internal static partial class AppHostRun
{
    public static async Task<int> RunAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var renderer = ConsoleRenderer.ForConsole();
        renderer.SetNames(app.Model.Resources.Select(r => r.Name));
        using var loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddProvider(new RendererLoggerProvider(renderer, LogLevel.Information)));
        var logger = loggerFactory.CreateLogger("ChampionNetwork.AppHost");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signals = 0;
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (Interlocked.Increment(ref signals) == 1)
            {
                LogSignal(logger, context.Signal.ToString());
                stop.Cancel();
                return;
            }

            // A second Ctrl+C: no more grace.
            ChildProcess.KillAllSessions();
            Environment.Exit(130);
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcess.KillAllSessions();

        try
        {
            var options = app.Options;
            DataDirectory.Prepare(options, logger);
            Watchdog.Start(options.DataDirectory);
            var signingKey = SigningKeyStore.LoadOrCreate(options.DataDirectory);
            var shared = new SharedEnvironment(
                app.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"],
                SigningKeyStore.EnvironmentFor(signingKey));
            var docker = new DockerEngine(app.Configuration.GetValue("AppHost:UseDocker", true));
            var provisioner = new ServerProvisioner(app.Configuration, docker, options.DataDirectory, options.Fresh);
            LogStarting(logger, options.DataDirectory, options.Fresh);
            var orchestrator = new Orchestrator(app.Model, options with { UseLaunchSettingsPorts = app.Configuration.GetValue("AppHost:UseLaunchSettingsPorts", true) }, provisioner, shared, renderer, logger, TimeProvider.System);
            var code = await orchestrator.RunAsync(stop.Token);
            Watchdog.StandDown();
            return code;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ProvisioningException or IOException or UnauthorizedAccessException)
        {
            LogFatal(logger, ex.Message);
            ChildProcess.KillAllSessions();
            Watchdog.StandDown();
            return 1;
        }
        finally
        {
            renderer.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Data in {DataDirectory} (fresh: {Fresh}); Ctrl+C stops everything")]
    private static partial void LogStarting(ILogger logger, string dataDirectory, bool fresh);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Signal} received")]
    private static partial void LogSignal(ILogger logger, string signal);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Error}")]
    private static partial void LogFatal(ILogger logger, string error);
}
