namespace Portal.Sandbox;

internal static class Program
{
    private static void Main(string[] args) => SandboxApp.Build(args).Run();
}
