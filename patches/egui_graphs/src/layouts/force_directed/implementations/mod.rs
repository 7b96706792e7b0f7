pub(crate) mod fruchterman_reingold;
