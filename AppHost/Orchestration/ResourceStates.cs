using System.Text.Json;
using ChampionNetwork.AppHost.Terminal;
using ChampionNetwork.AppHost.Model;

namespace ChampionNetwork.AppHost.Orchestration;

/// <summary>
/// Every resource's state, behind one lock. Each change redraws the console table and rewrites
/// {data}/state.json, which tests and scripts read (resources, states, endpoints, pids).
/// </summary>
internal sealed class ResourceStates
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private readonly Lock _gate = new();
    private readonly Dictionary<IResource, ResourceRecord> _records;
    private readonly List<ResourceRecord> _ordered;
    private readonly ConsoleRenderer _renderer;
    private readonly string _stateFile;
    private readonly TimeProvider _clock;
    private readonly DateTimeOffset _startedAt;

    public ResourceStates(IEnumerable<IResource> resources, ConsoleRenderer renderer, string stateFile, TimeProvider clock)
    {
        _ordered = resources.Select(r => new ResourceRecord(r)).ToList();
        _records = _ordered.ToDictionary(r => r.Resource);
        _renderer = renderer;
        _stateFile = stateFile;
        _clock = clock;
        _startedAt = clock.GetUtcNow();
    }

    public IReadOnlyList<ResourceRecord> All => _ordered;

    public bool AllHealthy { get; private set; }

    public DateTimeOffset? AllHealthyAt { get; private set; }

    public bool Stopping { get; set; }

    public ResourceRecord this[IResource resource] => _records[resource];

    /// <summary>Applies <paramref name="change"/> under the lock, then publishes; says whether the whole platform just became healthy.</summary>
    public PlatformTransition Update(ResourceRecord record, Action<ResourceRecord> change)
    {
        lock (_gate)
        {
            change(record);
            var allHealthy = !Stopping && _ordered.All(r => r.Health == HealthStatus.Healthy && r.State == ResourceState.Running);
            var transition = allHealthy && !AllHealthy
                ? AllHealthyAt is null ? PlatformTransition.HealthyFirstTime : PlatformTransition.HealthyAgain
                : PlatformTransition.None;
            if (transition == PlatformTransition.HealthyFirstTime)
            {
                AllHealthyAt = _clock.GetUtcNow();
            }

            AllHealthy = allHealthy;
            Publish();
            return transition;
        }
    }

    public void Publish()
    {
        lock (_gate)
        {
            var rows = _ordered.Where(r => r.Visible).Select(r => r.Snapshot()).ToList();
            _renderer.Update(rows);
            var document = new
            {
                appHostPid = Environment.ProcessId,
                startedAt = _startedAt,
                allHealthy = AllHealthy,
                allHealthyAt = AllHealthyAt,
                stopping = Stopping,
                resources = rows,
            };
            var temp = _stateFile + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(document, Json));
            File.Move(temp, _stateFile, overwrite: true);
        }
    }
}

internal enum PlatformTransition
{
    None,
    HealthyFirstTime,
    HealthyAgain,
}
