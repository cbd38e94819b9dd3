using Sia.Registry;
using Sia.Registry.Import;

if (args is ["import-gias", .. var importArgs]) return await ImportGiasCommand.RunAsync(importArgs, Console.Out);

// appsettings.json sits beside the binary: find it whatever folder the service is started from, unless a content root is
// given (--contentRoot: WebApplicationFactory gives the project's folder, so tests run it with its own appsettings.json).
var contentRoot = new ConfigurationBuilder().AddCommandLine(args).Build()[HostDefaults.ContentRootKey] ?? AppContext.BaseDirectory;
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = contentRoot });
builder.AddServiceDefaults();
builder.AddRegistryServices();

var app = builder.Build();
await app.MigrateRegistryDatabaseAsync();
app.MapDefaultEndpoints();
app.MapRegistryEndpoints();
await app.RunAsync();
return 0;
