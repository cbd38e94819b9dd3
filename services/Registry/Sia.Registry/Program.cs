using Sia.Registry;
using Sia.Registry.Import;

if (args is ["import-gias", .. var importArgs]) return await ImportGiasCommand.RunAsync(importArgs, Console.Out);

// appsettings.json sits beside the binary: find it whatever folder the service is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddServiceDefaults();
builder.AddRegistryServices();

var app = builder.Build();
await app.MigrateRegistryDatabaseAsync();
app.MapDefaultEndpoints();
app.MapRegistryEndpoints();
await app.RunAsync();
return 0;
