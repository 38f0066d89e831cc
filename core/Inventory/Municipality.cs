namespace NetOps.Core.Inventory;

/// <summary>One row of the municipality directory: a prefecture or municipality.</summary>
public sealed record Municipality(
    string Code, string PrefectureCode, string Prefecture, string Name, string Kana, string Kind, double Latitude, double Longitude)
{
    public bool IsPrefecture => Kind == "prefecture";
}
