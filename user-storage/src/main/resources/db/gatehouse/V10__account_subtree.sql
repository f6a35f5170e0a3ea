-- Gatehouse account store, version 10: one definition of an account's subtree.

-- The accounts rooted at each of roots: the root itself at depth 0, then its sub-users, theirs, and
-- so on, each row naming the root it descends from. Every status change (ban, termination by hand or
-- by the billing sweep, reinstatement) and every subtree lookup reads it. max_depth bounds the walk,
-- against a cycle of parent_id written into the store by hand; the caller passes it (the Java
-- constant Subtree.MAX_DEPTH, which the lookups' walk up to the ancestors uses as well). A plain SQL
-- function, STABLE: it reads the snapshot of the statement that calls it, data-modifying CTEs
-- included, as the CTE it replaces did.
CREATE FUNCTION account_subtree(roots uuid[], max_depth integer)
    RETURNS TABLE (root uuid, id uuid, depth integer)
    LANGUAGE sql STABLE
AS $$
    WITH RECURSIVE tree (root, id, depth) AS (
        SELECT a.id, a.id, 0 FROM account a WHERE a.id = ANY (roots)
        UNION ALL
        SELECT t.root, c.id, t.depth + 1 FROM account c JOIN tree t ON c.parent_id = t.id
        WHERE t.depth < max_depth
    )
    SELECT tree.root, tree.id, tree.depth FROM tree
$$;
