// TestInfrastructure is Linux-only (it drives Linux processes); so are the tests of it.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
