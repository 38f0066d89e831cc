namespace NetOps.Core.Inventory;

/// <summary>An inventory file or item that cannot be used; the message names the file and the item.</summary>
public sealed class InventoryException : Exception
{
    public InventoryException(string message) : base(message) { }
    public InventoryException(string message, Exception inner) : base(message, inner) { }
}
