using Google.Protobuf.WellKnownTypes;
using Sia.Contracts.DomainErrors;

namespace Sia.ServiceKit.Grpc;

/// <summary>The fields of a resource that an Update may change, by field-mask path, and how to take each from the request.</summary>
public sealed class UpdateMask<T>(IReadOnlyDictionary<string, Func<T, T, T>> setters)
{
    /// <summary>The current resource with the masked fields taken from the request's; "*" means every updatable field.</summary>
    public T Apply(FieldMask? mask, T requested, T current)
    {
        if (mask is null || mask.Paths.Count == 0)
            throw new ValidationFailedException("update_mask", "Name the fields to change in update_mask (or \"*\" for all of them).");
        if (mask.Paths.Count > setters.Count)
            throw new ValidationFailedException("update_mask", $"At most {setters.Count} paths, one for each updatable field; this mask has {mask.Paths.Count}.");
        var paths = mask.Paths.Count == 1 && mask.Paths[0] == "*" ? setters.Keys.ToList() : mask.Paths.ToList();
        var unknown = paths.Where(p => !setters.ContainsKey(p)).ToList();
        if (unknown.Count > 0)
        {
            throw new ValidationFailedException("update_mask",
                $"These fields can't be updated: {string.Join(", ", unknown.Select(TextChecks.Quote))}. Updatable: {string.Join(", ", setters.Keys)}.");
        }
        return paths.Aggregate(current, (resource, path) => setters[path](requested, resource));
    }
}
