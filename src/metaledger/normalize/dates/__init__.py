"""One date mention's parts to an interval: calendar arithmetic and one resolver module per kind of date."""
