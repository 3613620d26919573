[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

// One platform and one browser for every journey: the AppHost takes a minute to start, and two would starve the cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
