// must never be served by the console: it lies outside console/
