using System.Collections.Concurrent;

namespace ChampionNetwork.TestInfrastructure.Servers.Local;

/// <summary>Runs registered cleanups when the test process exits normally (the watchdog covers abnormal exits).</summary>
internal static class ExitCleanup
{
    private static readonly ConcurrentDictionary<object, Action> s_actions = new();

    static ExitCleanup() => AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAll();

    public static void Register(object owner, Action cleanup) => s_actions[owner] = cleanup;

    public static void Unregister(object owner) => s_actions.TryRemove(owner, out _);

    private static void RunAll()
    {
        var actions = s_actions.Values.ToArray();
        s_actions.Clear();
        Parallel.ForEach(actions, action =>
        {
            try
            {
                action();
            }
#pragma warning disable CA1031 // Exiting: one failed cleanup must not stop the others.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        });
    }
}
