// The AppHost drives Linux processes (setsid, /proc, kill(2)): it runs on Linux, as the servers it starts do.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
