using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NetOps.Ceptoar.Csaf;

namespace NetOps.Ceptoar.Tests.Csaf;

public sealed class CsafRegistrationTests
{
    [Fact]
    public void AddCeptoar_registers_one_importer_that_reads_the_shipped_schema()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddCeptoar();
        using var host = builder.Build();

        var importer = host.Services.GetRequiredService<CsafImporter>();

        Assert.Same(importer, host.Services.GetRequiredService<CsafImporter>());
        Assert.True(importer.Import(CsafTestData.Bytes("examples/bsi-2022-0001.json")).IsValid);
        Assert.True(File.Exists(Path.Combine(CsafSchema.DefaultDirectory, "csaf_json_schema.json")));
    }
}
