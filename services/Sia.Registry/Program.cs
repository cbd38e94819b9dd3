using Sia.Registry;

var builder = WebApplication.CreateBuilder(args);
builder.AddRegistryServices();

var app = builder.Build();
await app.MigrateRegistryDatabaseAsync();
app.MapRegistryEndpoints();
app.Run();
