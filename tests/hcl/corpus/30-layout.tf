


locals{
a=1
    b    =    2


		c = 3
  d = [1,2,3]
  e = {x=1,y=2}
}
resource "aws_iam_role" "r"{
  name="r"
}
x = "attribute at the end of the file without a newline"