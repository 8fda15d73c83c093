# A hash comment at the top.
// A slash comment.
/* A block comment
   spanning lines. */

/* before */ locals /* between */ {
  a = 1 # after a value
  b = 2 // after another
  c = /* inside */ 3
  d = [ # inside a tuple
    1,  // first
    2,  /* second */
    3   # third
  ]
  e = {
    # a comment line inside an object
    x = 1 // after an element
    y = 2
  }
  f = f(
    1, # argument comment
    2
  )
  /* a comment line */ g = "#not a comment"
  h = "// not a comment either"
  i = "/* nor this */"
}

# A comment between blocks.

resource "aws_iam_role" "commented" { # comment after the brace
  name = "commented" /* trailing */
}
/* the last line is a comment without a newline */