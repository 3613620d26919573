// The benchmarks drive Linux processes (/proc, the platform's servers), like TestInfrastructure, which they use.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
