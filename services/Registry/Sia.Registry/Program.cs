using Sia.Registry.Import;
using Sia.Registry;
using Sia.ServiceDefaults;

if (args is ["import-gias", .. var importArgs]) return await ImportGiasCommand.RunAsync(importArgs, Console.Out);

var builder = ServiceApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRegistryServices();

var app = builder.Build();
await app.MigrateRegistryDatabaseAsync();
app.MapDefaultEndpoints();
app.MapRegistryEndpoints();
await app.RunAsync();
return 0;
