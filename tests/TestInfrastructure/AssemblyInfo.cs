// The fixtures drive Linux processes (/proc, kill, setpriv), like the servers and the AppHost they start.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
