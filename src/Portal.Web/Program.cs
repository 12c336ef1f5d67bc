using System.Reflection;
using Portal.Web;
using Portal.Web.Hosting;

try
{
    var app = await PortalApplication.BuildAsync(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupRefusal.MessageOf(ex) is { } refusal && Assembly.GetEntryAssembly() == typeof(Program).Assembly)
{
    // A setting is missing or wrong: one line that names it, no stack trace. (Under a test host the exception itself is seen.)
    Console.Error.WriteLine($"Portal cannot start: {refusal}");
    return 1;
}

public partial class Program;
