// The integration tests drive real processes, signals and Unix sockets: they run on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
