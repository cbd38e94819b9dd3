using Sia.Registry;
using Sia.Registry.Import;

if (args is ["import-gias", .. var importArgs]) return await ImportGiasCommand.RunAsync(importArgs, Console.Out);

var builder = WebApplication.CreateBuilder(args);
builder.AddRegistryServices();

var app = builder.Build();
await app.MigrateRegistryDatabaseAsync();
app.MapRegistryEndpoints();
await app.RunAsync();
return 0;
