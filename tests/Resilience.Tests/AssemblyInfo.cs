// The chaos run kills Linux processes by pid and reads /proc.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
