// Like the AppHost itself, these tests drive Linux processes (/proc, kill).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
