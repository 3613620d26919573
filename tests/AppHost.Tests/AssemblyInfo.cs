// Like the AppHost itself, these tests drive Linux processes (/proc, kill).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

// Each platform test runs a whole AppHost, whose DCP watches this process: one at a time, so that the processes a
// test sees are its own, and two platforms do not starve each other of the two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
