using System.CommandLine;
using NetOps.Core.Inventory;
using NetOps.Core.Inventory.Storage;
using NetOps.Core.State;

namespace NetOps.Dashboard.Cli;

/// <summary><c>netops inventory import|export FILE</c>: the DESIGN.md file form in and out of the state DB.</summary>
public static class InventoryCommands
{
    public static Command Build(IServiceProvider services)
    {
        var inventory = new Command("inventory", "The site inventory in the state DB");

        var importFile = new Argument<string>("FILE") { Description = "inventory file (DESIGN.md \"Topology\")" };
        var import = new Command("import", "Replace the inventory with FILE; running NetOps processes pick it up within seconds") { importFile };
        import.SetAction((parse, ct) => CliCommands.InScopeAsync(services, async sp =>
        {
            var path = parse.GetValue(importFile)!;
            var parsed = SiteInventory.Load(path); // names the file and the bad item
            await sp.GetRequiredService<InventoryRepository>().ReplaceAsync(parsed, CliCommands.Actor, "inventory.import", Path.GetFullPath(path), ct);
            Console.WriteLine($"imported {parsed.Sites.Count} sites and {parsed.DeviceCount} devices from {path}");
            return 0;
        }));
        inventory.Subcommands.Add(import);

        var exportFile = new Argument<string>("FILE") { Description = "file to write, or - for stdout" };
        var export = new Command("export", "Write the inventory in its file form") { exportFile };
        export.SetAction((parse, ct) => CliCommands.InScopeAsync(services, async sp =>
        {
            var current = await sp.GetRequiredService<InventoryRepository>().LoadAsync(ct);
            var path = parse.GetValue(exportFile)!;
            if (path == "-") Console.WriteLine(current.ToJson());
            else
            {
                current.Save(path);
                Console.Error.WriteLine($"exported {current.Sites.Count} sites and {current.DeviceCount} devices to {path}");
            }
            return 0;
        }));
        inventory.Subcommands.Add(export);
        return inventory;
    }
}
