# Only comments here.
// Nothing else.
/* Really nothing. */
