"""The one library every service uses: settings, AWS clients, keys, envelope, errors, auth,
HTTP routing with role rules, and Powertools set-up for Chalice."""
