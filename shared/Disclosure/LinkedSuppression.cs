namespace ChampionNetwork.Disclosure;

/// <summary>
/// Primary and secondary suppression over a whole set of <see cref="LinkedTables"/>: small counts are hidden,
/// then every relation is protected (a hidden cell under a shown total has a hidden, non-zero partner, together at
/// least the threshold when one is small; a hidden total has a hidden part), to a fixed point across all tables;
/// finally <see cref="DerivabilityCheck"/> proves no protected cell is determined by the published ones, and where
/// one is, the smallest shown non-zero cell of its derivation is hidden too and the whole is checked again.
/// </summary>
public static class LinkedSuppression
{
    /// <returns>How many rounds of the derivability check it took (1 when the relations alone were enough).</returns>
    public static int Apply(LinkedTables tables, DisclosurePolicy policy)
    {
        foreach (var cell in tables.Cells.Where(c => c.Publishable && policy.SuppressesCount(checked((int)c.Value))))
        {
            cell.Hidden = true;
        }

        for (var rounds = 1; ; rounds++)
        {
            ProtectRelations(tables, policy);
            var derivation = DerivabilityCheck.FindDerivable(tables, policy);
            if (derivation is null)
            {
                return rounds;
            }

            var next = derivation.From.Where(c => c.Published && c.Value > 0).MinBy(c => (c.Value, c.Id))
                ?? throw new InvalidOperationException($"Cell {derivation.Cell.Id} is determined by published zeros only, yet holds {derivation.Cell.Value}.");
            next.Hidden = true;
        }
    }

    private static void ProtectRelations(LinkedTables tables, DisclosurePolicy policy)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var (totalId, partIds) in tables.Relations)
            {
                changed |= Protect(tables.Cells[totalId], [.. partIds.Select(p => tables.Cells[p])], policy);
            }
        }
    }

    private static bool Protect(LinkedCell total, IReadOnlyList<LinkedCell> parts, DisclosurePolicy policy)
    {
        var changed = false;
        LinkedCell? NextPart() => parts.Where(p => p.Published && p.Value > 0).MinBy(p => (p.Value, p.Id));

        if (total.Published)
        {
            while (NeedsPartner(parts, policy))
            {
                var next = NextPart();
                if (next is null)
                {
                    total.Hidden = true;
                    return true;
                }

                next.Hidden = changed = true;
            }

            return changed;
        }

        if (DerivabilityCheck.IsProtected(total, policy) && !parts.Any(p => p.Hidden && p.Value > 0) && NextPart() is { } part)
        {
            part.Hidden = true;
            return true;
        }

        return false;
    }

    /// <summary>total − shown parts = the hidden parts' sum: it must not isolate one protected part, nor be small.</summary>
    private static bool NeedsPartner(IReadOnlyList<LinkedCell> parts, DisclosurePolicy policy)
    {
        var hidden = parts.Where(p => p.Hidden && p.Value > 0).ToList();
        if (!hidden.Any(p => DerivabilityCheck.IsProtected(p, policy)))
        {
            return false;
        }

        var small = hidden.Any(p => policy.SuppressesCount(checked((int)p.Value)));
        return hidden.Count < 2 || (small && hidden.Sum(p => p.Value) < policy.MinimumCount);
    }
}
